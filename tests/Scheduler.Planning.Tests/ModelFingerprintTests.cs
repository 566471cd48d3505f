using System.Security.Cryptography;
using Google.OrTools.Sat;
using Scheduler.Solver;

namespace Scheduler.Planning.Tests;

/// <summary>The cache key's model fingerprint: the same model gives the same key, and a model that
/// differs in any one thing a post model is made of (a domain, a coefficient, a bound, an
/// enforcement literal, a clause, an element's values, the hint) gives another.</summary>
public class ModelFingerprintTests
{
    [Fact]
    public void TheSameModelBuiltTwice_HasOneFingerprint()
    {
        Assert.Equal(Key(Build()), Key(Build()));
    }

    [Theory]
    [InlineData("domain")]
    [InlineData("coefficient")]
    [InlineData("bound")]
    [InlineData("enforcement")]
    [InlineData("clause")]
    [InlineData("element")]
    [InlineData("hint")]
    [InlineData("variable")]
    public void AModelDifferingInOneThing_HasAnotherFingerprint(string change)
    {
        Assert.NotEqual(Key(Build()), Key(Build(change)));
    }

    [Fact]
    public void AClauseWithItsLiteralsInAnotherOrder_HasAnotherFingerprint()
    {
        // CP-SAT reads a clause's literals in order, and its search may follow it.
        var swapped = Build();
        var literals = swapped.Model.Constraints[^1].BoolOr.Literals;
        (literals[0], literals[1]) = (literals[1], literals[0]);
        Assert.NotEqual(Key(Build()), Key(swapped));
    }

    private static CpModel Build(string? change = null)
    {
        var model = new CpModel();
        var x = model.NewIntVar(0, change == "domain" ? 11 : 10, "");
        var y = model.NewIntVar(0, 10, "");
        var b = model.NewBoolVar("");
        var c = model.NewBoolVar("");
        if (change == "variable")
        {
            model.NewBoolVar("");
        }
        model.Add(x + (change == "coefficient" ? 3 : 2) * y <= (change == "bound" ? 13 : 12));
        model.Add(x - y >= 1).OnlyEnforceIf(change == "enforcement" ? c : b);
        var index = model.NewIntVar(0, 2, "");
        model.AddElement(index, change == "element" ? [5L, 7, 10] : [5L, 7, 9], x);
        model.AddBoolOr(change == "clause" ? [b, c.Not()] : [b, c]);
        model.AddHint(x, change == "hint" ? 4 : 3);
        return model;
    }

    private static string Key(CpModel model)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        ModelFingerprint.Append(hash, model.Model);
        return Convert.ToHexString(hash.GetHashAndReset());
    }
}
