namespace Scheduler.Sampling.Randomness;

/// <summary>The independent random streams of one sample; the values are part of the seed, so
/// changing them changes every sample.</summary>
internal enum RandomStream : ulong
{
    Cases = 0xC45E5,
    Posts = 0x9057,
    Numbers = 0x4B3E,
}
