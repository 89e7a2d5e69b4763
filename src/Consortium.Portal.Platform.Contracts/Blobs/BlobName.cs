using System.Text.RegularExpressions;

namespace Consortium.Portal.Platform.Blobs;

/// <summary>
/// Rules for container and blob names, the same for every provider, so a name that works on the
/// file system works on Azure and no name can escape its container.
/// </summary>
public static partial class BlobName
{
    public const int MaxNameLength = 512;

    /// <summary>A segment becomes a file or folder name on the file system, where 255 bytes is the usual limit; this leaves room for the store's suffixes.</summary>
    public const int MaxSegmentLength = 200;

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

    /// <summary>Segments of letters, digits, '-', '_' and '.', separated by '/'; no '.' or '..' segment, no leading or trailing '/',
    /// no segment that ends with '.' or is longer than <see cref="MaxSegmentLength"/>.</summary>
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
            if (segment.EndsWith('.'))
            {
                // Windows drops a trailing dot from file names and Azure advises against it: the name would not survive.
                throw new InvalidBlobNameException(name, "a part between '/' ends with '.'");
            }
            if (segment.Length > MaxSegmentLength)
            {
                throw new InvalidBlobNameException(name, $"a part between '/' is longer than {MaxSegmentLength} characters");
            }
        }
    }

    // \z, not $: '$' also matches before a final line feed, which would let "name\n" through.
    [GeneratedRegex(@"^[a-z0-9](?:[a-z0-9-]{1,61})[a-z0-9]\z")]
    private static partial Regex ContainerPattern();

    [GeneratedRegex(@"^[A-Za-z0-9._-]+\z")]
    private static partial Regex SegmentPattern();
}
