namespace Consortium.Portal.Workflows;

/// <summary>The module's name: other modules and the host name it in their dependencies.</summary>
public static class WorkflowsModuleName
{
    public const string Value = "Workflows";
}

/// <summary>Lengths the model, the validators and the forms share.</summary>
public static class WorkflowsConsts
{
    public const int MaxKeyLength = 64;
    public const int MaxNameLength = 200;
    public const int MaxStageIdLength = 64;
    public const int MaxSubjectTypeLength = 64;
    public const int MaxCommentLength = 4000;
    public const int MaxFieldLength = 64;
    public const int MaxFieldValueLength = 200;
    public const int MaxRoleLength = 64;
    public const int MaxDeadlineDays = 365;
    public const int MaxStages = 100;
    public const int MaxNesting = 5;
    public const int MaxDelegationDays = 120;
}
