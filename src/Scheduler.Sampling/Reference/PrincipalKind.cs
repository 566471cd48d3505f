namespace Scheduler.Sampling.Reference;

/// <summary>Who the principal applicant is to the petitioner; decides age and family.</summary>
internal enum PrincipalKind
{
    /// <summary>Spouse of a U.S. citizen (IR1, CR1, IW1).</summary>
    CitizenSpouse,
    /// <summary>Child under 21 of a U.S. citizen (IR2, CR2).</summary>
    CitizenChild,
    /// <summary>Orphan adopted or to be adopted by a U.S. citizen (IR3, IR4, IH3, IH4).</summary>
    Orphan,
    /// <summary>Parent of an adult U.S. citizen (IR5).</summary>
    CitizenParent,
    /// <summary>Unmarried son or daughter, 21 or over (F1, F2B).</summary>
    UnmarriedAdultChild,
    /// <summary>Spouse of a permanent resident (F21, FX1).</summary>
    ResidentSpouse,
    /// <summary>Child under 21 of a permanent resident (F22, FX2).</summary>
    ResidentChild,
    /// <summary>Married son or daughter of a U.S. citizen (F3).</summary>
    MarriedChild,
    /// <summary>Brother or sister of an adult U.S. citizen (F4).</summary>
    Sibling,
    /// <summary>Employment-based principal.</summary>
    Worker,
}
