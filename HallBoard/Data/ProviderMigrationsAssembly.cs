using System.Reflection;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.EntityFrameworkCore.Migrations.Internal;

namespace HallBoard.Data;

/// <summary>
/// One assembly holds a migration set per engine, all marked for the same context; EF would mix them. This keeps only
/// the migrations and the model snapshot in the namespace of the engine in use.
/// </summary>
#pragma warning disable EF1001 // MigrationsAssembly is EF's own implementation; subclassing it keeps its id and logging rules.
public sealed class ProviderMigrationsAssembly(ICurrentDbContext currentContext, IDbContextOptions options,
    IMigrationsIdGenerator idGenerator, IDiagnosticsLogger<DbLoggerCategory.Migrations> logger)
    : MigrationsAssembly(currentContext, options, idGenerator, logger)
{
    private readonly string _namespace = NamespaceOf(currentContext.Context);
    private IReadOnlyDictionary<string, TypeInfo>? _migrations;
    private ModelSnapshot? _snapshot;
    private bool _snapshotRead;

    public static string NamespaceOf(DbContext context) =>
        "HallBoard.Data.Migrations." + (context.Database.IsNpgsql() ? nameof(DatabaseProvider.Postgres) : nameof(DatabaseProvider.Sqlite));

    public override IReadOnlyDictionary<string, TypeInfo> Migrations =>
        _migrations ??= new SortedList<string, TypeInfo>(base.Migrations.Where(m => m.Value.Namespace == _namespace)
            .ToDictionary(m => m.Key, m => m.Value));

    public override ModelSnapshot? ModelSnapshot
    {
        get
        {
            if (_snapshotRead) return _snapshot;
            _snapshot = Assembly.GetTypes()
                .Where(t => t.IsSubclassOf(typeof(ModelSnapshot)) && t.Namespace == _namespace && !t.IsAbstract)
                .Select(t => (ModelSnapshot)Activator.CreateInstance(t)!).FirstOrDefault();
            _snapshotRead = true;
            return _snapshot;
        }
    }
}
#pragma warning restore EF1001
