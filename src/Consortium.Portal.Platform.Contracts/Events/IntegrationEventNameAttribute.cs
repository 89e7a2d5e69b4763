namespace Consortium.Portal.Platform.Events;

/// <summary>
/// The stable name an integration event is stored under in the outbox. Renaming or moving the
/// CLR type must not orphan messages already written, so the name is declared, not derived.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class IntegrationEventNameAttribute(string name) : Attribute
{
    public string Name { get; } = name;
}
