using System.Security.Cryptography;
using System.Text;

namespace Scheduler.Api.Auth;

/// <summary>API keys: 256 random bits, shown once, stored only as their SHA-256.</summary>
public static class ApiKeys
{
    /// <summary>The prefix every key starts with, so a leaked one is recognisable in a scan.</summary>
    public const string Prefix = "sk_";

    /// <summary>A new random key (32 bytes from the system's CSPRNG, base64url).</summary>
    public static string NewKey() => Prefix + Base64Url(RandomNumberGenerator.GetBytes(32));

    /// <summary>The hash the store keeps and looks keys up by.</summary>
    public static byte[] Hash(string key) => SHA256.HashData(Encoding.UTF8.GetBytes(key));

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
