using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Consortium.Portal.Platform.Blobs;

public enum BlobStorageProvider
{
    FileSystem,
    AzureBlobStorage,
}

/// <summary>
/// <c>Blobs:Provider</c> (FileSystem | AzureBlobStorage). The file system is the default and needs no set-up:
/// it keeps files under <c>Blobs:FileSystem:Root</c>, or <c>blobs</c> in the data folder.
/// <c>Blobs:FileSystem:DirectWrites</c> (true by default) lets it write large content past the page cache.
/// Azure needs <c>Blobs:Azure:ConnectionString</c> and takes an optional <c>Blobs:Azure:ContainerPrefix</c>.
/// </summary>
public sealed record BlobStorageOptions(
    BlobStorageProvider Provider,
    string FileSystemRoot,
    string? AzureConnectionString,
    string AzureContainerPrefix,
    bool FileSystemDirectWrites = true)
{
    /// <summary>Reads and checks the configuration; a wrong value stops the start with a message that says what to fix.</summary>
    public static BlobStorageOptions FromConfiguration(IConfiguration configuration, string dataFolder)
    {
        var providerName = configuration["Blobs:Provider"];
        BlobStorageProvider provider;
        if (string.IsNullOrWhiteSpace(providerName))
        {
            provider = BlobStorageProvider.FileSystem;
        }
        else if (!Enum.TryParse(providerName, ignoreCase: true, out provider) || !Enum.IsDefined(provider) || int.TryParse(providerName, out _))
        {
            throw new InvalidOperationException(
                $"Blobs:Provider '{providerName}' is not supported. Use 'FileSystem' (the default) or 'AzureBlobStorage'.");
        }

        var configuredRoot = configuration["Blobs:FileSystem:Root"];
        var root = string.IsNullOrWhiteSpace(configuredRoot)
            ? Path.Combine(dataFolder, "blobs")
            : Path.GetFullPath(configuredRoot, dataFolder);

        var connectionString = configuration["Blobs:Azure:ConnectionString"];
        var prefix = configuration["Blobs:Azure:ContainerPrefix"]?.Trim() ?? "";
        if (provider == BlobStorageProvider.AzureBlobStorage)
        {
            if (string.IsNullOrWhiteSpace(connectionString))
            {
                throw new InvalidOperationException(
                    "Blobs:Provider is AzureBlobStorage but Blobs:Azure:ConnectionString is missing. Set it, for example " +
                    "Blobs__Azure__ConnectionString='DefaultEndpointsProtocol=https;AccountName=...;AccountKey=...;EndpointSuffix=core.windows.net'.");
            }
            AzureBlobStore.ValidateConnectionString(connectionString);
            AzureBlobStore.ValidateContainerPrefix(prefix);
        }
        var directWrites = configuration["Blobs:FileSystem:DirectWrites"];
        if (!string.IsNullOrWhiteSpace(directWrites) && !bool.TryParse(directWrites, out _))
        {
            throw new InvalidOperationException($"Blobs:FileSystem:DirectWrites '{directWrites}' is neither true nor false.");
        }
        return new BlobStorageOptions(provider, root, connectionString, prefix,
            FileSystemDirectWrites: string.IsNullOrWhiteSpace(directWrites) || bool.Parse(directWrites));
    }
}

public static class BlobStorageRegistration
{
    /// <summary>Registers the <see cref="IBlobStore"/> chosen by <c>Blobs:Provider</c>; throws at start when the configuration is wrong.</summary>
    public static IServiceCollection AddPortalBlobStorage(this IServiceCollection services, IConfiguration configuration, string dataFolder)
    {
        var options = BlobStorageOptions.FromConfiguration(configuration, dataFolder);
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(options);
        services.AddSingleton<IBlobStore>(sp => options.Provider switch
        {
            BlobStorageProvider.AzureBlobStorage => new AzureBlobStore(options.AzureConnectionString!, options.AzureContainerPrefix),
            _ => new FileSystemBlobStore(options.FileSystemRoot, sp.GetRequiredService<TimeProvider>(), options.FileSystemDirectWrites),
        });
        return services;
    }
}
