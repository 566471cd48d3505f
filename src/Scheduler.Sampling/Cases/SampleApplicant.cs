using NodaTime;

namespace Scheduler.Sampling.Cases;

/// <summary>One applicants.csv row before it is written: role <c>P</c>, <c>S</c> or <c>C</c>; whether
/// the applicant travels now (<c>N</c> follows to join later); the last day all documents are valid.</summary>
internal readonly record struct SampleApplicant(char Role, LocalDate BirthDate, bool Traveling, LocalDate? DocumentsExpire);
