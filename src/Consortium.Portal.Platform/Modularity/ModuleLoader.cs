using System.Reflection;

namespace Consortium.Portal.Platform.Modularity;

/// <summary>
/// Finds every module reachable from a root module and orders them so that each comes after the
/// modules it depends on. Modules are found among the portal's assemblies deployed with the host, so the host
/// needs only to reference a module's project to make it available.
/// </summary>
public static class ModuleLoader
{
    public static IReadOnlyList<PortalModule> Load<TRootModule>() where TRootModule : PortalModule, new()
        => Load(new TRootModule(), DiscoverModules(typeof(TRootModule).Assembly));

    /// <summary>Orders the modules reachable from <paramref name="root"/> among <paramref name="available"/>.</summary>
    /// <exception cref="ModuleLoadException">a dependency is missing or the dependencies form a cycle.</exception>
    public static IReadOnlyList<PortalModule> Load(PortalModule root, IEnumerable<PortalModule> available)
    {
        var byName = new Dictionary<string, PortalModule>(StringComparer.Ordinal);
        foreach (var module in available.Append(root))
        {
            if (byName.TryGetValue(module.Name, out var existing) && existing.GetType() != module.GetType())
            {
                throw new ModuleLoadException($"Two modules are named '{module.Name}': {existing.GetType().FullName} and {module.GetType().FullName}.");
            }
            byName[module.Name] = module;
        }

        var ordered = new List<PortalModule>();
        var state = new Dictionary<string, bool>(StringComparer.Ordinal); // false: visiting, true: done
        var path = new Stack<string>();

        void Visit(PortalModule module)
        {
            if (state.TryGetValue(module.Name, out var done))
            {
                if (!done)
                {
                    var cycle = path.Reverse().SkipWhile(n => n != module.Name).Append(module.Name);
                    throw new ModuleLoadException($"Module dependencies form a cycle: {string.Join(" -> ", cycle)}.");
                }
                return;
            }
            state[module.Name] = false;
            path.Push(module.Name);
            foreach (var dependency in module.DependsOn)
            {
                if (!byName.TryGetValue(dependency, out var dependencyModule))
                {
                    throw new ModuleLoadException(
                        $"Module '{module.Name}' depends on module '{dependency}', which was not found. " +
                        "Reference the module's project from the host, and declare its module class in its assembly ([assembly: DeclaresModule(typeof(...))]).");
                }
                Visit(dependencyModule);
            }
            path.Pop();
            state[module.Name] = true;
            ordered.Add(module);
        }

        Visit(root);
        return ordered;
    }

    /// <summary>
    /// Instantiates the modules the portal's assemblies declare (<see cref="DeclaresModuleAttribute"/>): the root's and
    /// the <c>Consortium.Portal.*</c> assemblies deployed beside it. (Compiled references are not enough: a host that
    /// names a module only through a constant of its Contracts has no reference to the module's assembly.)
    /// </summary>
    /// <exception cref="ModuleLoadException">an assembly declares a type that is not a module the loader can make.</exception>
    public static IReadOnlyList<PortalModule> DiscoverModules(Assembly rootAssembly)
    {
        var assemblies = new Dictionary<string, Assembly>(StringComparer.Ordinal) { [rootAssembly.GetName().Name!] = rootAssembly };
        foreach (var file in Directory.EnumerateFiles(AppContext.BaseDirectory, "Consortium.Portal.*.dll"))
        {
            var name = AssemblyName.GetAssemblyName(file);
            // Only an assembly named like its file: a composite ReadyToRun publish adds the native code of every
            // assembly as one image named after the app (Consortium.Portal.Web.r2r.dll), which is not one to load.
            if (!string.Equals(name.Name, Path.GetFileNameWithoutExtension(file), StringComparison.Ordinal))
            {
                continue;
            }
            if (!assemblies.ContainsKey(name.Name!))
            {
                assemblies[name.Name!] = Assembly.Load(name);
            }
        }
        return ModulesDeclaredBy(assemblies.Values);
    }

    /// <summary>The modules <paramref name="assemblies"/> declare, made, in the order of their class names.</summary>
    /// <exception cref="ModuleLoadException">an assembly declares a type that is not a module the loader can make.</exception>
    public static IReadOnlyList<PortalModule> ModulesDeclaredBy(IEnumerable<Assembly> assemblies)
    {
        return assemblies
            .SelectMany(a => a.GetCustomAttributes<DeclaresModuleAttribute>().Select(d => Declared(a, d.ModuleType)))
            .Distinct()
            .OrderBy(t => t.FullName, StringComparer.Ordinal)
            .Select(t => (PortalModule)Activator.CreateInstance(t)!)
            .ToList();
    }

    private static Type Declared(Assembly assembly, Type type)
    {
        if (type.Assembly != assembly || type.IsAbstract || !typeof(PortalModule).IsAssignableFrom(type) || type.GetConstructor(Type.EmptyTypes) is null)
        {
            throw new ModuleLoadException(
                $"{assembly.GetName().Name} declares {type.FullName} as its module, which is not a module class of that assembly " +
                "with a public constructor without parameters.");
        }
        return type;
    }
}

public sealed class ModuleLoadException(string message) : Exception(message);

/// <summary>The loaded modules, in dependency order; a singleton in the container.</summary>
public sealed class ModuleCatalog(IReadOnlyList<PortalModule> modules)
{
    public IReadOnlyList<PortalModule> Modules { get; } = modules;

    public IEnumerable<Assembly> PageAssemblies => Modules.Where(m => m.HasPages).Select(m => m.Assembly).Distinct();

    public T Get<T>() where T : PortalModule => Modules.OfType<T>().Single();
}
