using System.Text;

namespace Consortium.Portal.Workspaces.Activity;

/// <summary>
/// Fills an activity text's placeholders (see <see cref="WorkspaceActivityOccurred"/>): <c>{actor}</c>, <c>{name}</c>
/// from the parameters, <c>{name:t}</c> from the parameters translated through <paramref name="translate"/>;
/// <c>{{</c> and <c>}}</c> are literal braces. A placeholder without a parameter stays as written, so a missing
/// value shows rather than vanishing.
/// </summary>
internal static class ActivityText
{
    public static string Render(string template, IReadOnlyDictionary<string, string> parameters, string actor, Func<string, string> translate)
    {
        var result = new StringBuilder(template.Length + 32);
        for (var i = 0; i < template.Length; i++)
        {
            var c = template[i];
            if ((c == '{' || c == '}') && i + 1 < template.Length && template[i + 1] == c)
            {
                result.Append(c);
                i++;
                continue;
            }
            var end = c == '{' ? template.IndexOf('}', i + 1) : -1;
            if (end < 0)
            {
                result.Append(c);
                continue;
            }
            var placeholder = template[(i + 1)..end];
            var (name, translated) = placeholder.EndsWith(":t", StringComparison.Ordinal) ? (placeholder[..^2], true) : (placeholder, false);
            if (name == "actor" && !parameters.ContainsKey("actor"))
            {
                result.Append(actor);
            }
            else if (parameters.TryGetValue(name, out var value))
            {
                result.Append(translated ? translate(value) : value);
            }
            else
            {
                result.Append(template, i, end - i + 1);
            }
            i = end;
        }
        return result.ToString();
    }
}
