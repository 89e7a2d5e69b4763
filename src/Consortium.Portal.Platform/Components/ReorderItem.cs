namespace Consortium.Portal.Platform.Components;

/// <summary>An item of a <c>ReorderList</c> as its template shows it: the item, its place (from 0) and how many there are.</summary>
public sealed record ReorderItem<TItem>(TItem Item, int Index, int Count);
