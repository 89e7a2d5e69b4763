namespace Consortium.Portal.Publications;

/// <summary>Settings of the Publications module (section <c>Publications</c>).</summary>
public sealed class PublicationsOptions
{
    public const string Section = "Publications";

    /// <summary>
    /// The donors' disclaimer every final file must carry, per language of the file (en, sq, sr); a file passes when its
    /// text holds the disclaimer of its language or the English one. Compared ignoring case and runs of white space.
    /// </summary>
    public Dictionary<string, string> Disclaimers { get; set; } = new()
    {
        ["en"] = "This publication was produced with the financial support of the European Union and the Royal Norwegian Embassy. Its contents are the sole responsibility of the authors and do not necessarily reflect the views of the European Union or the Royal Norwegian Embassy.",
        ["sq"] = "Ky publikim është realizuar me mbështetjen financiare të Bashkimit Evropian dhe Ambasadës Mbretërore Norvegjeze. Përmbajtja e tij është përgjegjësi e vetme e autorëve dhe nuk pasqyron domosdoshmërisht pikëpamjet e Bashkimit Evropian ose të Ambasadës Mbretërore Norvegjeze.",
        ["sr"] = "Ova publikacija je nastala uz finansijsku podršku Evropske unije i Kraljevske ambasade Norveške. Za njen sadržaj odgovorni su isključivo autori i on ne odražava nužno stavove Evropske unije ili Kraljevske ambasade Norveške.",
    };

    /// <summary>How long a client may keep a catalogue page, feed or file before asking again (with its ETag).</summary>
    public TimeSpan PublicCacheLifetime { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Which publisher the citations name.</summary>
    public string Publisher { get; set; } = "Kosovo–Serbia Policy Advocacy Group";

    public IEnumerable<string> Validate()
    {
        if (!Disclaimers.TryGetValue("en", out var en) || string.IsNullOrWhiteSpace(en))
        {
            yield return "Publications:Disclaimers:en must be set: it is the disclaimer every final file is checked for.";
        }
        if (PublicCacheLifetime < TimeSpan.Zero)
        {
            yield return "Publications:PublicCacheLifetime must not be negative.";
        }
    }
}
