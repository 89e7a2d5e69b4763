namespace Consortium.Portal.Documents;

/// <summary>
/// The Documents module's size limit for one file, for a module that receives a file to pass to
/// <see cref="IDocumentStorage"/>: a body that announces more is refused before a byte of it is read. A body that does not
/// announce its length is still held to the limit while it streams.
/// </summary>
public interface IDocumentUploadLimits
{
    /// <summary>
    /// Refuses a file whose announced length (the request's Content-Length) is over the limit: a 400 problem with the
    /// Documents module's own message, as a too-large upload gets. Nothing is refused when no length is announced.
    /// </summary>
    void EnsureAnnouncedLengthAllowed(long? contentLength);
}
