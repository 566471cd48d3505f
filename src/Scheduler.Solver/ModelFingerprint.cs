using System.Runtime.InteropServices;
using System.Security.Cryptography;
using Google.OrTools.Sat;
using Google.Protobuf;

namespace Scheduler.Solver;

/// <summary>Feeds a CP-SAT model, as the solver will receive it, into a hash field by field. The
/// constraints the post models are made of (linear, element, clauses) and the variables and hint
/// are read number by number; anything else is hashed as its protobuf bytes. Serializing whole
/// models to protobuf first took 1.5 s of a national what-if's CPU (33 MB of models, 228 keys);
/// reading the fields takes a fraction of that.</summary>
internal sealed class ModelFingerprint
{
    private readonly IncrementalHash _hash;
    private readonly long[] _buffer = new long[4096];
    private int _count;

    private ModelFingerprint(IncrementalHash hash) => _hash = hash;

    /// <summary>Appends <paramref name="model"/> to <paramref name="hash"/>.</summary>
    public static void Append(IncrementalHash hash, CpModelProto model)
    {
        var fingerprint = new ModelFingerprint(hash);
        fingerprint.Model(model);
        fingerprint.Flush();
    }

    private void Model(CpModelProto model)
    {
        Put(model.Variables.Count);
        foreach (var variable in model.Variables)
        {
            Put(variable.Name.Length);
            Put(variable.Domain);
        }
        Put(model.Constraints.Count);
        foreach (var constraint in model.Constraints)
        {
            Constraint(constraint);
        }
        Put(model.SolutionHint?.Vars);
        Put(model.SolutionHint?.Values);
        // The rest is empty in the post models (the objective is set after the key is taken); hashed whole all the same.
        Message(model.Objective);
        Message(model.FloatingPointObjective);
        Put(model.Assumptions);
        Put(model.SearchStrategy.Count);
        foreach (var strategy in model.SearchStrategy)
        {
            Message(strategy);
        }
        Message(model.Symmetry);
    }

    private void Constraint(ConstraintProto constraint)
    {
        Put((long)constraint.ConstraintCase);
        Put(constraint.Name.Length);
        Put(constraint.EnforcementLiteral);
        switch (constraint.ConstraintCase)
        {
            case ConstraintProto.ConstraintOneofCase.Linear:
                Put(constraint.Linear.Vars);
                Put(constraint.Linear.Coeffs);
                Put(constraint.Linear.Domain);
                break;
            case ConstraintProto.ConstraintOneofCase.BoolOr:
                Put(constraint.BoolOr.Literals);
                break;
            case ConstraintProto.ConstraintOneofCase.BoolAnd:
                Put(constraint.BoolAnd.Literals);
                break;
            case ConstraintProto.ConstraintOneofCase.Element:
                var element = constraint.Element;
                Put(element.Index);
                Put(element.Target);
                Put(element.Vars);
                Expression(element.LinearIndex);
                Expression(element.LinearTarget);
                Put(element.Exprs.Count);
                foreach (var expression in element.Exprs)
                {
                    Expression(expression);
                }
                break;
            default:
                Message(constraint);
                break;
        }
    }

    private void Expression(LinearExpressionProto? expression)
    {
        if (expression is null)
        {
            Put(-1);
            return;
        }
        Put(expression.Vars);
        Put(expression.Coeffs);
        Put(expression.Offset);
    }

    private void Message(IMessage? message)
    {
        if (message is null)
        {
            Put(-1);
            return;
        }
        var bytes = message.ToByteArray();
        Put(bytes.Length);
        Flush();
        _hash.AppendData(bytes);
    }

    private void Put<T>(Google.Protobuf.Collections.RepeatedField<T>? values) where T : System.Numerics.IBinaryInteger<T>
    {
        if (values is null)
        {
            Put(-1);
            return;
        }
        var count = values.Count;
        Put(count);
        for (var i = 0; i < count; i++)
        {
            Put(long.CreateTruncating(values[i]));
        }
    }

    private void Put(long value)
    {
        _buffer[_count++] = value;
        if (_count == _buffer.Length)
        {
            Flush();
        }
    }

    private void Flush()
    {
        _hash.AppendData(MemoryMarshal.AsBytes(_buffer.AsSpan(0, _count)));
        _count = 0;
    }
}
