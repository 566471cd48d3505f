using System.Text;

namespace Scheduler.Sampling;

/// <summary>The files of a scenario folder and how they are written: UTF-8 without a byte-order mark,
/// "\n" line endings on every platform, buffered.</summary>
internal static class SampleFiles
{
    public const string Settings = "settings.json";
    public const string Cases = "cases.csv";
    public const string Applicants = "applicants.csv";
    public const string Posts = "posts.json";
    public const string Bulletin = "bulletin.csv";
    public const string Numbers = "numbers.csv";

    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    public static StreamWriter CreateText(string path) => new(path, append: false, Utf8, bufferSize: 1 << 16) { NewLine = "\n" };
}
