namespace Consortium.Portal.TemplateModule;

public sealed record TemplateModuleItemDto(Guid Id, string Name, DateTime CreatedAtUtc, Guid ConcurrencyStamp);

public sealed record CreateTemplateModuleItemRequest(string? Name);

/// <summary>A rename; <see cref="ConcurrencyStamp"/> is the one the client read, so a stale rename gets 409.</summary>
public sealed record RenameTemplateModuleItemRequest(string? Name, Guid ConcurrencyStamp);
