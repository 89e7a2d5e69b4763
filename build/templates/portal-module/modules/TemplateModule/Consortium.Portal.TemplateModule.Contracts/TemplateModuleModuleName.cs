namespace Consortium.Portal.TemplateModule;

/// <summary>The module's name: other modules and the host name it in their dependencies.</summary>
public static class TemplateModuleModuleName
{
    public const string Value = "TemplateModule";
}

/// <summary>Lengths the model, the validators and the forms share.</summary>
public static class TemplateModuleConsts
{
    public const int MaxNameLength = 200;
}
