using System.Reflection;
using System.Runtime.CompilerServices;
using System.Xml.Linq;
using Consortium.Portal.Platform.Events;
using Consortium.Portal.Platform.Modularity;
using NetArchTest.Rules;

namespace Consortium.Portal.ArchitectureTests.Infrastructure;

/// <summary>
/// The checks behind the architecture tests. Each returns what breaks the rule, one readable line per violation,
/// so that the tests can run it on the real modules (expecting nothing) and on a deliberately bad module (expecting
/// each violation it was built with).
/// </summary>
public static class ArchitectureRules
{
    /// <summary>Frameworks a Contracts assembly must not depend on: other modules could not reference it without them.</summary>
    public static readonly IReadOnlyList<string> FrameworkNamespacesForbiddenInContracts = ["Microsoft.EntityFrameworkCore", "Microsoft.AspNetCore"];

    private const string PortalNamespace = "Consortium.Portal";

    /// <summary>
    /// Methods of <paramref name="assembly"/> that catch EF Core's <c>DbUpdateConcurrencyException</c> themselves instead of
    /// saving through the Platform's <c>ConcurrentWrites.SaveOrConflictAsync</c>. Async methods keep their catch in a
    /// compiler-made state machine, so every type, nested and generated, is looked at; the report names the method the
    /// programmer wrote.
    /// </summary>
    public static IReadOnlyList<string> OwnConcurrencyCatches(Assembly assembly)
    {
        const BindingFlags all = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;
        return [.. (
            from type in assembly.GetTypes()
            from method in type.GetMethods(all).Cast<MethodBase>().Concat(type.GetConstructors(all))
            from clause in method.GetMethodBody()?.ExceptionHandlingClauses ?? []
            where clause.Flags == ExceptionHandlingClauseOptions.Clause
                && clause.CatchType?.FullName == "Microsoft.EntityFrameworkCore.DbUpdateConcurrencyException"
            select $"{WrittenName(type, method)} catches DbUpdateConcurrencyException").Distinct()];
    }

    /// <summary>
    /// Methods of <paramref name="assembly"/> that dispose a DbContext. Every module context comes from the request's
    /// or circuit's scope, rented from EF Core's pool (<c>AddModuleDbContext</c>), and the scope gives it back when it
    /// ends: a context disposed by hand goes back to the pool while the scope still holds it, so the next renter and
    /// this scope would share one context and its change tracker. Found in the IL: a call of <c>Dispose</c> or
    /// <c>DisposeAsync</c> (the context's own, or <c>IDisposable</c>'s and <c>IAsyncDisposable</c>'s that <c>using</c>
    /// and <c>await using</c> compile to) on a local, field or argument whose type is a DbContext.
    /// </summary>
    public static IReadOnlyList<string> DisposedScopeContexts(Assembly assembly)
    {
        var resolver = new Mono.Cecil.DefaultAssemblyResolver();
        resolver.AddSearchDirectory(Path.GetDirectoryName(assembly.Location)!);
        using var module = Mono.Cecil.ModuleDefinition.ReadModule(assembly.Location, new Mono.Cecil.ReaderParameters { AssemblyResolver = resolver });
        var violations = new List<string>();
        foreach (var type in module.GetTypes())
        {
            foreach (var method in type.Methods.Where(m => m.HasBody))
            {
                foreach (var call in method.Body.Instructions)
                {
                    if (call.OpCode.Code is not (Mono.Cecil.Cil.Code.Call or Mono.Cecil.Cil.Code.Callvirt)
                        || call.Operand is not Mono.Cecil.MethodReference { Name: "Dispose" or "DisposeAsync", Parameters.Count: 0 }
                        || call.Previous is not { } load
                        || LoadedType(method, load) is not { } loaded
                        || !IsDbContext(loaded))
                    {
                        continue;
                    }
                    violations.Add($"{WrittenName(assembly, method)} disposes its {loaded.Name}: the scope gives a pooled context back itself");
                }
            }
        }
        return [.. violations.Distinct()];
    }

    private static Mono.Cecil.TypeReference? LoadedType(Mono.Cecil.MethodDefinition method, Mono.Cecil.Cil.Instruction load) => load.OpCode.Code switch
    {
        Mono.Cecil.Cil.Code.Ldloc_0 => method.Body.Variables[0].VariableType,
        Mono.Cecil.Cil.Code.Ldloc_1 => method.Body.Variables[1].VariableType,
        Mono.Cecil.Cil.Code.Ldloc_2 => method.Body.Variables[2].VariableType,
        Mono.Cecil.Cil.Code.Ldloc_3 => method.Body.Variables[3].VariableType,
        Mono.Cecil.Cil.Code.Ldloc or Mono.Cecil.Cil.Code.Ldloc_S => ((Mono.Cecil.Cil.VariableDefinition)load.Operand).VariableType,
        Mono.Cecil.Cil.Code.Ldfld or Mono.Cecil.Cil.Code.Ldsfld => ((Mono.Cecil.FieldReference)load.Operand).FieldType,
        Mono.Cecil.Cil.Code.Ldarg or Mono.Cecil.Cil.Code.Ldarg_S => ((Mono.Cecil.ParameterDefinition)load.Operand).ParameterType,
        Mono.Cecil.Cil.Code.Ldarg_1 => method.Parameters[method.IsStatic ? 1 : 0].ParameterType,
        Mono.Cecil.Cil.Code.Ldarg_2 => method.Parameters[method.IsStatic ? 2 : 1].ParameterType,
        Mono.Cecil.Cil.Code.Ldarg_3 => method.Parameters[method.IsStatic ? 3 : 2].ParameterType,
        Mono.Cecil.Cil.Code.Ldarg_0 when method.IsStatic => method.Parameters[0].ParameterType,
        _ => null,
    };

    private static bool IsDbContext(Mono.Cecil.TypeReference type)
    {
        for (var current = SafeResolve(type); current is not null; current = current.BaseType is { } b ? SafeResolve(b) : null)
        {
            if (current.FullName == "Microsoft.EntityFrameworkCore.DbContext")
            {
                return true;
            }
        }
        return false;
    }

    private static Mono.Cecil.TypeDefinition? SafeResolve(Mono.Cecil.TypeReference type)
    {
        try
        {
            return type.IsGenericParameter ? null : type.Resolve();
        }
        catch (Mono.Cecil.AssemblyResolutionException)
        {
            return null;
        }
    }

    // A method read by Cecil, named as written through the reflection one below (its metadata token is the same).
    private static string WrittenName(Assembly assembly, Mono.Cecil.MethodDefinition method)
    {
        var written = assembly.ManifestModule.ResolveMethod(method.MetadataToken.ToInt32())!;
        return WrittenName(written.DeclaringType!, written);
    }

    // "<SaveAsync>d__4.MoveNext" is the state machine of SaveAsync: name the method as written.
    private static string WrittenName(Type type, MethodBase method)
    {
        var declaring = type;
        var name = method.Name;
        while (declaring.IsDefined(typeof(CompilerGeneratedAttribute), false) && declaring.DeclaringType is { } outer)
        {
            var match = System.Text.RegularExpressions.Regex.Match(declaring.Name, "^<([^>]+)>");
            name = match.Success ? match.Groups[1].Value : name;
            declaring = outer;
        }
        return $"{declaring.FullName}.{name}";
    }

    /// <summary>
    /// What <paramref name="assembly"/> (built from <paramref name="projectFile"/>) uses of the forbidden assemblies:
    /// types that depend on their types, assembly references to them, and project references to their projects.
    /// The project file is read too, because using only a constant of another project leaves no trace in the
    /// compiled assembly.
    /// </summary>
    public static IReadOnlyList<string> UsesOfForbiddenParts(
        Assembly assembly, string projectFile, IReadOnlyCollection<Assembly> forbiddenAssemblies, IReadOnlyCollection<string> forbiddenProjects)
    {
        var violations = new List<string>();
        foreach (var forbidden in forbiddenAssemblies)
        {
            var name = forbidden.GetName().Name;
            violations.AddRange(TypesDependingOn(assembly, PortalTypeNames(forbidden))
                .Select(type => $"{type} uses types of {name}"));
            if (assembly.GetReferencedAssemblies().Any(reference => reference.Name == name))
            {
                violations.Add($"{assembly.GetName().Name} references the assembly {name}");
            }
        }
        var forbiddenPaths = forbiddenProjects.Select(Path.GetFullPath).ToHashSet(StringComparer.Ordinal);
        violations.AddRange(ProjectReferences(projectFile)
            .Where(forbiddenPaths.Contains)
            .Select(reference => $"{Path.GetFileName(projectFile)} has a ProjectReference to {Path.GetFileName(reference)}"));
        return violations;
    }

    /// <summary>
    /// What makes <paramref name="contracts"/> more than a public surface: a dependency on EF Core or ASP.NET Core, or on
    /// any implementation assembly (its own module's, another module's, the kernel's, the host's).
    /// </summary>
    public static IReadOnlyList<string> ContractsViolations(Assembly contracts, string projectFile, IReadOnlyCollection<Assembly> implementationAssemblies)
    {
        var violations = new List<string>();
        violations.AddRange(TypesDependingOn(contracts, FrameworkNamespacesForbiddenInContracts)
            .Select(type => $"{type} uses EF Core or ASP.NET Core"));
        foreach (var implementation in implementationAssemblies)
        {
            violations.AddRange(TypesDependingOn(contracts, PortalTypeNames(implementation))
                .Select(type => $"{type} uses types of {implementation.GetName().Name}"));
        }
        foreach (var reference in contracts.GetReferencedAssemblies().Select(r => r.Name ?? ""))
        {
            if (IsForbiddenFramework(reference))
            {
                violations.Add($"{contracts.GetName().Name} references the assembly {reference}");
            }
            else if (reference.StartsWith(PortalNamespace + ".", StringComparison.Ordinal) && !reference.EndsWith(".Contracts", StringComparison.Ordinal))
            {
                violations.Add($"{contracts.GetName().Name} references the implementation assembly {reference}");
            }
        }

        var project = Path.GetFileName(projectFile);
        violations.AddRange(ProjectReferences(projectFile)
            .Where(reference => !reference.EndsWith(".Contracts.csproj", StringComparison.Ordinal))
            .Select(reference => $"{project} has a ProjectReference to {Path.GetFileName(reference)}, which is not a Contracts project"));
        violations.AddRange(ProjectItems(projectFile, "PackageReference").Concat(ProjectItems(projectFile, "FrameworkReference"))
            .Where(IsForbiddenFramework)
            .Select(package => $"{project} references {package}"));
        var sdk = XDocument.Load(projectFile).Root?.Attribute("Sdk")?.Value;
        if (sdk == "Microsoft.NET.Sdk.Web")
        {
            violations.Add($"{project} uses the web SDK");
        }
        return violations;
    }

    /// <summary>What makes a handler more than a private detail of the subscribing module: it must be internal sealed.</summary>
    public static IReadOnlyList<string> HandlerViolations(Type handler)
    {
        var violations = new List<string>();
        if (!(handler.IsNotPublic || handler.IsNestedAssembly))
        {
            violations.Add($"{handler.FullName} is not internal");
        }
        if (!handler.IsSealed)
        {
            violations.Add($"{handler.FullName} is not sealed");
        }
        return violations;
    }

    /// <summary>
    /// What makes an integration event unsafe to keep in the outbox: it must be a sealed record (value semantics, no
    /// subclass that serialises differently), with a declared stored name, and immutable (get-only or init properties).
    /// </summary>
    public static IReadOnlyList<string> EventViolations(Type integrationEvent)
    {
        var name = integrationEvent.FullName;
        var violations = new List<string>();
        if (!integrationEvent.IsSealed)
        {
            violations.Add($"{name} is not sealed");
        }
        if (!IsRecord(integrationEvent))
        {
            violations.Add($"{name} is not a record");
        }
        if (string.IsNullOrWhiteSpace(integrationEvent.GetCustomAttribute<IntegrationEventNameAttribute>()?.Name))
        {
            violations.Add($"{name} has no [IntegrationEventName]");
        }
        const BindingFlags declared = BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly;
        for (var type = integrationEvent; type is not null && type != typeof(object); type = type.BaseType)
        {
            violations.AddRange(type.GetProperties(declared)
                .Where(p => p.SetMethod is not null && !IsInitOnly(p.SetMethod))
                .Select(p => $"{name}.{p.Name} has a setter"));
            violations.AddRange(type.GetFields(declared)
                .Where(f => !f.IsInitOnly && !f.IsDefined(typeof(CompilerGeneratedAttribute)))
                .Select(f => $"{name}.{f.Name} is a writable field"));
        }
        return violations;
    }

    public static IReadOnlyList<Type> IntegrationEventHandlers(Assembly assembly) =>
        LoadableTypes(assembly)
            .Where(t => t.IsClass && t.GetInterfaces().Any(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IIntegrationEventHandler<>)))
            .ToList();

    public static IReadOnlyList<Type> IntegrationEvents(Assembly assembly) =>
        LoadableTypes(assembly).Where(t => t.IsClass && typeof(IIntegrationEvent).IsAssignableFrom(t)).ToList();

    /// <summary>
    /// The portal's own types in an assembly (as NetArchTest names them), leaving out what the compiler adds to every
    /// assembly (nullable attributes and the like) so that a dependency on them is not mistaken for one on the assembly.
    /// </summary>
    public static IReadOnlyList<string> PortalTypeNames(Assembly assembly)
    {
        // Nested types are written Outer/Inner, as Mono.Cecil (under NetArchTest) names them.
        var names = LoadableTypes(assembly)
            .Select(t => t.FullName?.Replace('+', '/'))
            .OfType<string>()
            .Where(n => n.StartsWith(PortalNamespace + ".", StringComparison.Ordinal) && !n.Contains('<'))
            .ToList();
        if (names.Count == 0)
        {
            throw new InvalidOperationException($"{assembly.GetName().Name} has no Consortium.Portal types: a rule forbidding it would check nothing.");
        }
        return names;
    }

    public static IReadOnlyList<string> TypesDependingOn(Assembly assembly, IReadOnlyCollection<string> dependencies)
    {
        if (dependencies.Count == 0)
        {
            throw new InvalidOperationException("An empty list of forbidden dependencies checks nothing.");
        }
        var result = Types.InAssembly(assembly).ShouldNot().HaveDependencyOnAny([.. dependencies]).GetResult();
        return result.IsSuccessful ? [] : [.. result.FailingTypeNames];
    }

    /// <summary>Full paths of the projects a project file references.</summary>
    public static IReadOnlyList<string> ProjectReferences(string projectFile)
    {
        var folder = Path.GetDirectoryName(Path.GetFullPath(projectFile))!;
        return ProjectItems(projectFile, "ProjectReference")
            .Select(include => Path.GetFullPath(Path.Combine(folder, include.Replace('\\', Path.DirectorySeparatorChar))))
            .ToList();
    }

    private static IEnumerable<string> ProjectItems(string projectFile, string itemName) =>
        XDocument.Load(projectFile).Descendants()
            .Where(e => e.Name.LocalName == itemName)
            .Select(e => e.Attribute("Include")?.Value)
            .OfType<string>();

    private static bool IsForbiddenFramework(string name) =>
        FrameworkNamespacesForbiddenInContracts.Any(ns => name == ns || name.StartsWith(ns + ".", StringComparison.Ordinal));

    // The compiler gives every record a clone method with this unspeakable name; no other class can declare it.
    private static bool IsRecord(Type type) =>
        type.GetMethod("<Clone>$", BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic) is not null;

    private static bool IsInitOnly(MethodInfo setter) =>
        setter.ReturnParameter.GetRequiredCustomModifiers().Contains(typeof(IsExternalInit));

    /// <summary>
    /// The module classes of <paramref name="assembly"/> its <c>[assembly: DeclaresModule(...)]</c> does not name, and the
    /// types it names that are not its module classes. The host finds modules only by that attribute, so a module class
    /// left out is a module the portal silently does not run.
    /// </summary>
    public static IReadOnlyList<string> UndeclaredModules(Assembly assembly)
    {
        var classes = LoadableTypes(assembly).Where(t => t.IsSubclassOf(typeof(PortalModule)) && !t.IsAbstract && t.IsPublic).ToHashSet();
        var declared = assembly.GetCustomAttributes<DeclaresModuleAttribute>().Select(d => d.ModuleType).ToHashSet();
        return classes.Except(declared)
            .Select(t => $"{t.FullName} is a module class that {assembly.GetName().Name} does not declare ([assembly: DeclaresModule(typeof({t.Name}))])")
            .Concat(declared.Except(classes).Select(t => $"{assembly.GetName().Name} declares {t.FullName}, which is not one of its public module classes"))
            .Order(StringComparer.Ordinal)
            .ToList();
    }

    public static IEnumerable<Type> LoadableTypes(Assembly assembly)
    {
        try
        {
            return assembly.GetTypes();
        }
        catch (ReflectionTypeLoadException e)
        {
            throw new InvalidOperationException(
                $"Types of {assembly.GetName().Name} cannot be loaded: {string.Join("; ", e.LoaderExceptions.Select(x => x?.Message))}", e);
        }
    }
}
