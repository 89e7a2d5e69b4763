using System.Xml;
using System.Xml.Linq;
using Consortium.Portal.Platform.Data;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.Extensions.Logging;

namespace Consortium.Portal.Platform.Security;

/// <summary>
/// The data-protection key ring in the platform's table (<c>PlatformDataProtectionKeys</c>, mapped in the model for the
/// migrations), read and written with plain SQL on both providers. The framework's EF repository did the same through
/// <see cref="PlatformDbContext"/>, and the framework reads the key ring before the portal listens: that first use of a
/// DbContext (EF's services, the model, a query compiled) was about 0.1 s of every cold start (issue 16; RESULTS.md
/// "Cold start, eighteenth session"). Rows are only ever added; a row whose XML does not parse is skipped and logged,
/// as the framework's repository does.
/// </summary>
internal sealed class DatabaseKeyRepository(DatabaseOptions database, ILogger<DatabaseKeyRepository> logger) : IXmlRepository
{
    private const string Table = $"\"{PlatformDbProperties.TablePrefix}DataProtectionKeys\"";

    public IReadOnlyCollection<XElement> GetAllElements()
    {
        using var connection = database.CreateConnection();
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"""SELECT "FriendlyName", "Xml" FROM {Table} ORDER BY "Id" """;
        using var reader = command.ExecuteReader();
        var elements = new List<XElement>();
        while (reader.Read())
        {
            var xml = reader.IsDBNull(1) ? null : reader.GetString(1);
            try
            {
                elements.Add(XElement.Parse(xml ?? throw new XmlException("no XML")));
            }
            catch (XmlException e)
            {
                logger.LogWarning(e, "Data-protection key {FriendlyName} is not readable XML and is skipped", reader.IsDBNull(0) ? null : reader.GetString(0));
            }
        }
        return elements;
    }

    public void StoreElement(XElement element, string friendlyName)
    {
        using var connection = database.CreateConnection();
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"""INSERT INTO {Table} ("FriendlyName", "Xml") VALUES (@name, @xml)""";
        command.AddParameter("name", friendlyName);
        command.AddParameter("xml", element.ToString(SaveOptions.DisableFormatting));
        command.ExecuteNonQuery();
    }
}
