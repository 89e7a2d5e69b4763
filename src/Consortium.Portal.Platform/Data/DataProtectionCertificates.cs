using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Configuration;

namespace Consortium.Portal.Platform.Data;

/// <summary>
/// The data-protection keys (which protect session cookies, antiforgery tokens and e-mailed links) are stored in the
/// database; without a certificate they are stored as they are, and whoever reads that table can forge a session.
/// <c>DataProtection:Certificate:Path</c> (a PKCS #12 file with its private key) and <c>:Password</c> encrypt every new key
/// with that certificate; <c>DataProtection:PreviousCertificates:N:Path</c> / <c>:Password</c> still decrypt keys an
/// older certificate encrypted, so a certificate can be renewed without signing everyone out. Every instance needs the
/// same files.
/// </summary>
public static class DataProtectionCertificates
{
    public const string Section = "DataProtection";

    public static void Apply(IDataProtectionBuilder builder, IConfiguration configuration)
    {
        var section = configuration.GetSection(Section);
        if (Load(section.GetSection("Certificate")) is not { } current)
        {
            return;
        }
        var previous = section.GetSection("PreviousCertificates").GetChildren().Select(Load).OfType<X509Certificate2>();
        builder.ProtectKeysWithCertificate(current).UnprotectKeysWithAnyCertificate([current, .. previous]);
    }

    private static X509Certificate2? Load(IConfigurationSection certificate)
    {
        if (certificate["Path"] is not { Length: > 0 } path)
        {
            return null;
        }
        if (!File.Exists(path))
        {
            throw new InvalidOperationException($"{certificate.Path}:Path: the certificate file '{path}' does not exist.");
        }
        var loaded = X509CertificateLoader.LoadPkcs12FromFile(path, certificate["Password"], X509KeyStorageFlags.EphemeralKeySet);
        return loaded.HasPrivateKey
            ? loaded
            : throw new InvalidOperationException($"{certificate.Path}:Path: '{path}' has no private key, which decrypting the keys needs.");
    }
}
