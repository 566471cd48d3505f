using System.Data;
using Dapper;
using NodaTime;
using Npgsql;
using Scheduler.Core.Cases;
using Scheduler.Core.Posts;

namespace Scheduler.Storage.Sql;

/// <summary>Dapper's mapping of NodaTime values: native types through Npgsql.NodaTime on PostgreSQL,
/// ISO text on SQLite. Months are <c>yyyy-MM</c> text on both.</summary>
internal static class NodaTypeHandlers
{
    private static int _registered;

    public static void Register()
    {
        if (Interlocked.Exchange(ref _registered, 1) == 1)
            return;
        SqlMapper.AddTypeHandler(new LocalDateHandler());
        SqlMapper.AddTypeHandler(new LocalTimeHandler());
        SqlMapper.AddTypeHandler(new InstantHandler());
        SqlMapper.AddTypeHandler(new YearMonthHandler());
        SqlMapper.AddTypeHandler(new TextHandler<CaseId>(id => id.Value, text => new CaseId(text)));
        SqlMapper.AddTypeHandler(new TextHandler<PostCode>(code => code.Value, text => new PostCode(text)));
        SqlMapper.AddTypeHandler(new TextHandler<Chargeability>(code => code.Code, text => new Chargeability(text)));
    }

    /// <summary>The domain's ids, stored as their text.</summary>
    private sealed class TextHandler<T>(Func<T, string> text, Func<string, T> parse) : SqlMapper.TypeHandler<T>
    {
        public override void SetValue(IDbDataParameter parameter, T? value)
        {
            parameter.DbType = DbType.String;
            parameter.Value = value is null ? DBNull.Value : text(value);
        }

        public override T Parse(object value) => value is string s ? parse(s) : throw new InvalidCastException($"cannot read {value.GetType().Name} as {typeof(T).Name}");
    }

    private static void SetNativeOrText(IDbDataParameter parameter, object value, string text)
    {
        if (parameter is NpgsqlParameter)
        {
            parameter.Value = value;
            return;
        }
        parameter.DbType = DbType.String;
        parameter.Value = text;
    }

    private sealed class LocalDateHandler : SqlMapper.TypeHandler<LocalDate>
    {
        public override void SetValue(IDbDataParameter parameter, LocalDate value) => SetNativeOrText(parameter, value, SqlText.Date(value));

        public override LocalDate Parse(object value) => value switch
        {
            LocalDate date => date,
            string text => SqlText.ParseDate(text),
            DateTime dateTime => LocalDate.FromDateTime(dateTime),
            _ => throw new InvalidCastException($"cannot read {value.GetType().Name} as a date"),
        };
    }

    private sealed class LocalTimeHandler : SqlMapper.TypeHandler<LocalTime>
    {
        public override void SetValue(IDbDataParameter parameter, LocalTime value) => SetNativeOrText(parameter, value, SqlText.Time(value));

        public override LocalTime Parse(object value) => value switch
        {
            LocalTime time => time,
            string text => SqlText.ParseTime(text),
            TimeSpan span => LocalTime.FromTicksSinceMidnight(span.Ticks),
            _ => throw new InvalidCastException($"cannot read {value.GetType().Name} as a time"),
        };
    }

    private sealed class InstantHandler : SqlMapper.TypeHandler<Instant>
    {
        public override void SetValue(IDbDataParameter parameter, Instant value) => SetNativeOrText(parameter, value, SqlText.Instant(value));

        public override Instant Parse(object value) => value switch
        {
            Instant instant => instant,
            string text => SqlText.ParseInstant(text),
            DateTime dateTime => Instant.FromDateTimeUtc(DateTime.SpecifyKind(dateTime, DateTimeKind.Utc)),
            _ => throw new InvalidCastException($"cannot read {value.GetType().Name} as an instant"),
        };
    }

    private sealed class YearMonthHandler : SqlMapper.TypeHandler<YearMonth>
    {
        public override void SetValue(IDbDataParameter parameter, YearMonth value)
        {
            parameter.DbType = DbType.String;
            parameter.Value = SqlText.Month(value);
        }

        public override YearMonth Parse(object value) => value switch
        {
            string text => SqlText.ParseMonth(text),
            _ => throw new InvalidCastException($"cannot read {value.GetType().Name} as a month"),
        };
    }
}
