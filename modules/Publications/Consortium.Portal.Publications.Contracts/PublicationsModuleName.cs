namespace Consortium.Portal.Publications;

/// <summary>The module's name: other modules and the host name it in their dependencies.</summary>
public static class PublicationsModuleName
{
    public const string Value = "Publications";
}

/// <summary>Lengths and limits the model, the validators and the forms share.</summary>
public static class PublicationsConsts
{
    public const int MaxTitleLength = 300;
    public const int MaxSummaryLength = 4000;
    public const int MaxTagLength = 50;
    public const int MaxTags = 20;
    public const int MaxOutletLength = 200;
    public const int MaxUrlLength = 1000;
    public const int MaxReasonLength = 2000;
    public const int MaxAuthors = 30;
    public const int MaxSlugLength = 120;
    public const int MaxDefinitionKeyLength = 64;

    /// <summary>The workflow subject type publications register (<c>IWorkflowSubjectType.Name</c>).</summary>
    public const string SubjectType = "publications.publication";

    /// <summary>The seeded default review: co-authors, a PartnerLead from each side, the Coordinator.</summary>
    public const string DefaultWorkflow = "publications.joint-review";

    /// <summary>The languages a publication is written in.</summary>
    public static readonly IReadOnlyList<string> Languages = ["en", "sq", "sr"];

    /// <summary>The project's activities a publication may report under (Activity 1: policy papers, 4: op-eds and articles).</summary>
    public static readonly IReadOnlyList<int> Activities = [1, 4];
}
