namespace Consortium.Portal.Platform.Modularity;

/// <summary>
/// Names the module class an assembly holds: <c>[assembly: DeclaresModule(typeof(DocumentsModule))]</c>, beside the
/// class. <see cref="ModuleLoader"/> finds the portal's modules by this attribute instead of reading every type of every
/// portal assembly, which was a tenth of a cold start (issue 16). The architecture tests check that every module class
/// of the portal is declared, so a module cannot be left out by forgetting it.
/// </summary>
[AttributeUsage(AttributeTargets.Assembly, AllowMultiple = true)]
public sealed class DeclaresModuleAttribute(Type moduleType) : Attribute
{
    public Type ModuleType { get; } = moduleType;
}
