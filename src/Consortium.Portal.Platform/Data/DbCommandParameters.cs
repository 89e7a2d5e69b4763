using System.Data.Common;

namespace Consortium.Portal.Platform.Data;

/// <summary>
/// A named parameter on a provider's own command, for the plain statements written beside EF
/// (<see cref="DatabaseOptions.CreateConnection"/>): the same <c>@name</c> on SQLite and PostgreSQL.
/// </summary>
internal static class DbCommandParameters
{
    public static void AddParameter(this DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }
}
