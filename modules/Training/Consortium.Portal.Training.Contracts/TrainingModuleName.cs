namespace Consortium.Portal.Training;

/// <summary>The module's name: other modules and the host name it in their dependencies.</summary>
public static class TrainingModuleName
{
    public const string Value = "Training";
}

/// <summary>Lengths and values the model, the validators and the forms share.</summary>
public static class TrainingConsts
{
    public const int MaxTitleLength = 200;
    public const int MaxSummaryLength = 2000;
    public const int MaxTopicLength = 60;
    public const int MaxTopics = 12;
    public const int MaxUrlLength = 2000;
    public const int MaxLicenceLength = 100;
    public const int MaxSlugLength = 100;
    public const int MaxDurationMinutes = 60 * 24 * 10;
    public const int MaxCollectionItems = 200;
    public const int FirstActivity = 1;
    public const int LastActivity = 11;

    /// <summary>The languages a material is written in; sr-Latn and sr-Cyrl are two materials of one translation group.</summary>
    public static readonly IReadOnlyList<string> Languages = ["en", "sq", "sr-Latn", "sr-Cyrl"];

    /// <summary>The workflow subject type and the seeded publishing definition.</summary>
    public const string SubjectType = "training.material";
    public const string PublishingWorkflow = "training.publishing";

    /// <summary>A request for a material in another language: its workflow subject type and seeded one-stage definition.</summary>
    public const string TranslationRequestSubjectType = "training.translation-request";
    public const string TranslationRequestWorkflow = "training.translation-request";
}
