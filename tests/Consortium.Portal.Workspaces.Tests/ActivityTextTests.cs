using Consortium.Portal.Workspaces.Activity;

namespace Consortium.Portal.Workspaces.Tests;

public sealed class ActivityTextTests
{
    private static readonly Dictionary<string, string> Roles = new() { ["Role.Editor"] = "Redaktor", ["Role.Viewer"] = "Shikues" };

    private static string Render(string template, Dictionary<string, string> parameters)
        => ActivityText.Render(template, parameters, "Blerta Gashi", key => Roles.GetValueOrDefault(key, key));

    [Fact]
    public void The_actor_and_the_parameters_fill_their_placeholders()
    {
        var text = Render("{actor} uploaded “{document}” to {folder}", new() { ["document"] = "Report v2.docx", ["folder"] = "Drafts" });

        Assert.Equal("Blerta Gashi uploaded “Report v2.docx” to Drafts", text);
    }

    [Fact]
    public void A_placeholder_marked_t_is_translated_through_the_same_resource()
    {
        var text = Render("{actor} ndryshoi rolin e {member} nga {from:t} në {to:t}",
            new() { ["member"] = "Marko Nikolić", ["from"] = "Role.Viewer", ["to"] = "Role.Editor" });

        Assert.Equal("Blerta Gashi ndryshoi rolin e Marko Nikolić nga Shikues në Redaktor", text);
    }

    [Fact]
    public void Doubled_braces_are_literal_and_a_placeholder_without_a_value_stays_visible()
    {
        var text = Render("{{draft}} {missing} by {actor}", new());

        Assert.Equal("{draft} {missing} by Blerta Gashi", text);
    }

    [Fact]
    public void A_parameter_named_actor_wins_over_the_actor()
    {
        Assert.Equal("Agron Bytyqi", Render("{actor}", new() { ["actor"] = "Agron Bytyqi" }));
    }

    [Fact]
    public void An_unclosed_brace_is_kept_as_written()
    {
        Assert.Equal("50% {done", Render("50% {done", new()));
    }
}
