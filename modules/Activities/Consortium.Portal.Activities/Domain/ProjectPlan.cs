using Consortium.Portal.Identity;

namespace Consortium.Portal.Activities.Domain;

/// <summary>
/// The project's plan as the project description states it: eleven activities with their lead partners and targets,
/// and the towns of both sides where events are held. Seeded once with fixed ids; the Coordinator edits it afterwards.
/// </summary>
public static class ProjectPlan
{
    public static readonly DateOnly Starts = new(2026, 1, 1);
    public static readonly DateOnly Ends = new(2028, 12, 31);

    private static ActivityTarget Events(int count, EventKind kind, PartnerSide? side = null)
        => new() { Measure = TargetMeasure.Events, Count = count, EventKind = kind, Side = side };

    private static ActivityTarget Outputs(int count, OutputKind kind) => new() { Measure = TargetMeasure.Outputs, Count = count, OutputKind = kind };

    private static ActivityTarget Towns(int count, PartnerSide side) => new() { Measure = TargetMeasure.Towns, Count = count, Side = side };

    private static ActivityTarget Participants(int count) => new() { Measure = TargetMeasure.Participants, Count = count };

    private static ProjectActivity Activity(int number, string id, string en, string sq, string sr, string[] leads, params ActivityTarget[] targets)
        => new(new Guid(id), number, en, sq, sr, leads, Starts, Ends, targets);

    public static IReadOnlyList<ProjectActivity> Activities() =>
    [
        Activity(1, "0b5c1f8e-0a01-4c1e-9a11-000000000001", "Op-eds and policy articles", "Artikuj opinioni dhe artikuj politikash", "Autorski tekstovi i analitički članci",
            ["BPRG", "BFPE"], Outputs(24, OutputKind.OpEd)),
        Activity(2, "0b5c1f8e-0a01-4c1e-9a11-000000000002", "TV debates and joint interviews", "Debate televizive dhe intervista të përbashkëta", "TV debate i zajednički intervjui",
            ["D4D", "EMinS"], Events(6, EventKind.TvDebate), Outputs(6, OutputKind.MediaAppearance)),
        Activity(3, "0b5c1f8e-0a01-4c1e-9a11-000000000003", "Website and social media", "Faqja e internetit dhe rrjetet sociale", "Veb-sajt i društvene mreže",
            ["BFPE"], Outputs(48, OutputKind.WebPost)),
        Activity(4, "0b5c1f8e-0a01-4c1e-9a11-000000000004", "Joint research project", "Projekt i përbashkët hulumtues", "Zajednički istraživački projekat",
            ["KCSS", "BCSP"], Outputs(3, OutputKind.ResearchReport)),
        Activity(5, "0b5c1f8e-0a01-4c1e-9a11-000000000005", "Conferences", "Konferenca", "Konferencije",
            ["EMinS", "BPRG"], Events(2, EventKind.Conference), Participants(200)),
        Activity(6, "0b5c1f8e-0a01-4c1e-9a11-000000000006", "Peer-to-peer visits", "Vizita mes kolegësh", "Posete kolega kolegama",
            ["AKTIV", "YUCOM"], Events(4, EventKind.PeerVisit)),
        Activity(7, "0b5c1f8e-0a01-4c1e-9a11-000000000007", "Kosovo partners at partner-organised activities", "Partnerët e Kosovës në aktivitete të organizuara nga partnerët",
            "Partneri sa Kosova na aktivnostima koje organizuju partneri", ["BPRG", "D4D", "KCSS", "AKTIV"], Events(3, EventKind.PartnerOrganised)),
        Activity(8, "0b5c1f8e-0a01-4c1e-9a11-000000000008", "Workshops in towns in Kosovo and Serbia", "Punëtori në qytete të Kosovës dhe Serbisë", "Radionice u gradovima Kosova i Srbije",
            ["BFPE", "D4D"], Events(8, EventKind.Workshop), Towns(4, PartnerSide.Kosovo), Towns(4, PartnerSide.Serbia), Participants(160)),
        Activity(9, "0b5c1f8e-0a01-4c1e-9a11-000000000009", "Local roundtables", "Tryeza të rrumbullakëta lokale", "Lokalni okrugli stolovi",
            ["AKTIV", "EMinS"], Events(4, EventKind.Roundtable, PartnerSide.Kosovo), Events(2, EventKind.Roundtable, PartnerSide.Serbia), Participants(120)),
        Activity(10, "0b5c1f8e-0a01-4c1e-9a11-000000000010", "Seminar on rule of law and security for journalists", "Seminar për sundimin e ligjit dhe sigurinë për gazetarë",
            "Seminar o vladavini prava i bezbednosti za novinare", ["KCSS", "BCSP"], Events(1, EventKind.Seminar), Participants(25)),
        Activity(11, "0b5c1f8e-0a01-4c1e-9a11-000000000011", "Consortium Forum meetings", "Takimet e Forumit të Konsorciumit", "Sastanci Foruma konzorcijuma",
            ["BFPE", "BPRG"], Events(6, EventKind.TrainingSession)),
    ];

    /// <summary>The towns with their names in English, Albanian and Serbian Latin (Cyrillic is transliterated when read).</summary>
    public static IReadOnlyList<Town> Towns() =>
    [
        new(new Guid("5a1d0c3e-7b00-4f00-8000-000000000001"), "Prishtina", PartnerSide.Kosovo, "Prishtinë", "Priština"),
        new(new Guid("5a1d0c3e-7b00-4f00-8000-000000000002"), "Gjilan", PartnerSide.Kosovo, "Gjilan", "Gnjilane"),
        new(new Guid("5a1d0c3e-7b00-4f00-8000-000000000003"), "Peja", PartnerSide.Kosovo, "Pejë", "Peć"),
        new(new Guid("5a1d0c3e-7b00-4f00-8000-000000000004"), "Ferizaj", PartnerSide.Kosovo, "Ferizaj", "Uroševac"),
        new(new Guid("5a1d0c3e-7b00-4f00-8000-000000000005"), "North Mitrovica", PartnerSide.Kosovo, "Mitrovicë e Veriut", "Severna Mitrovica"),
        new(new Guid("5a1d0c3e-7b00-4f00-8000-000000000006"), "Prizren", PartnerSide.Kosovo, "Prizren", "Prizren"),
        new(new Guid("5a1d0c3e-7b00-4f00-8000-000000000007"), "Gračanica", PartnerSide.Kosovo, "Graçanicë", "Gračanica"),
        new(new Guid("5a1d0c3e-7b00-4f00-8000-000000000011"), "Belgrade", PartnerSide.Serbia, "Beograd", "Beograd"),
        new(new Guid("5a1d0c3e-7b00-4f00-8000-000000000012"), "Novi Pazar", PartnerSide.Serbia, "Novi Pazar", "Novi Pazar"),
        new(new Guid("5a1d0c3e-7b00-4f00-8000-000000000013"), "Kraljevo", PartnerSide.Serbia, "Kraljevo", "Kraljevo"),
        new(new Guid("5a1d0c3e-7b00-4f00-8000-000000000014"), "Novi Sad", PartnerSide.Serbia, "Novi Sad", "Novi Sad"),
        new(new Guid("5a1d0c3e-7b00-4f00-8000-000000000015"), "Niš", PartnerSide.Serbia, "Nish", "Niš"),
        new(new Guid("5a1d0c3e-7b00-4f00-8000-000000000016"), "Bujanovac", PartnerSide.Serbia, "Bujanoc", "Bujanovac"),
    ];
}
