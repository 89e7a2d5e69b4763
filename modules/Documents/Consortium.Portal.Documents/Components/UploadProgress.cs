namespace Consortium.Portal.Documents.Components;

/// <summary>A file the browser is uploading, as its script reports it.</summary>
public sealed class UploadProgress
{
    public string Name { get; set; } = "";
    public long Size { get; set; }
    public double Percent { get; set; }
    public bool Done { get; set; }
    public string? Error { get; set; }
}
