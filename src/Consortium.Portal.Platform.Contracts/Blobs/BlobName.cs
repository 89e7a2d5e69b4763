using System.Text.RegularExpressions;

namespace Consortium.Portal.Platform.Blobs;

/// <summary>
/// Rules for container and blob names, the same for every provider, so a name that works on the
/// file system works on Azure and no name can escape its container.
/// </summary>
public static partial class BlobName
{
    public const int MaxNameLength = 512;

    /// <summary>A fresh server-made key: date folders keep directories small, the GUID keeps keys unguessable.</summary>
    public static string New(DateTimeOffset now) => $"{now:yyyy}/{now:MM}/{Guid.NewGuid():N}";

    /// <summary>Azure's container rule: 3–63 characters, lower-case letters, digits and single hyphens.</summary>
    public static void ValidateContainer(string container)
    {
        if (string.IsNullOrEmpty(container) || !ContainerPattern().IsMatch(container) || container.Contains("--", StringComparison.Ordinal))
        {
            throw new InvalidBlobNameException(container ?? "", "a container name has 3 to 63 lower-case letters, digits or single hyphens");
        }
    }

    /// <summary>Segments of letters, digits, '-', '_' and '.', separated by '/'; no '.' or '..' segment, no leading or trailing '/'.</summary>
    public static void ValidateName(string name)
    {
        if (string.IsNullOrEmpty(name))
        {
            throw new InvalidBlobNameException("", "the name is empty");
        }
        if (name.Length > MaxNameLength)
        {
            throw new InvalidBlobNameException(name, $"the name is longer than {MaxNameLength} characters");
        }
        foreach (var segment in name.Split('/'))
        {
            if (segment.Length == 0 || segment is "." or "..")
            {
                throw new InvalidBlobNameException(name, "the name has an empty, '.' or '..' segment");
            }
            if (!SegmentPattern().IsMatch(segment))
            {
                throw new InvalidBlobNameException(name, "only letters, digits, '-', '_', '.' and '/' are allowed");
            }
        }
    }

    [GeneratedRegex("^[a-z0-9](?:[a-z0-9-]{1,61})[a-z0-9]$")]
    private static partial Regex ContainerPattern();

    [GeneratedRegex("^[A-Za-z0-9._-]+$")]
    private static partial Regex SegmentPattern();
}
