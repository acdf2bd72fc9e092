using HallBoard.Tests.Infrastructure;

namespace HallBoard.Tests.Security;

/// <summary>docs/security.md's matrix is the code's: a new page, endpoint or hub method without its row fails here.</summary>
public sealed class AuthorizationMatrixTests(HallAppFactory app) : IClassFixture<HallAppFactory>
{
    private const string WriteVariable = "HALLBOARD_WRITE_SECURITY_MATRIX";

    [Fact]
    public async Task The_authorization_matrix_in_docs_security_md_matches_the_code()
    {
        _ = app.Server;
        var rows = await AuthorizationMatrix.BuildAsync(app.Services);
        var generated = AuthorizationMatrix.Markdown(rows);
        var docPath = Path.Combine(RepositoryRoot(), "docs", "security.md");
        var doc = await File.ReadAllTextAsync(docPath);
        var begin = doc.IndexOf(AuthorizationMatrix.Begin, StringComparison.Ordinal);
        var end = doc.IndexOf(AuthorizationMatrix.End, StringComparison.Ordinal);
        var current = begin >= 0 && end > begin ? doc[begin..(end + AuthorizationMatrix.End.Length)] + "\n" : "";

        if (Environment.GetEnvironmentVariable(WriteVariable) == "1")
        {
            var updated = begin >= 0 && end > begin
                ? doc[..begin] + generated.TrimEnd('\n') + doc[(end + AuthorizationMatrix.End.Length)..]
                : doc.TrimEnd('\n') + "\n\n" + generated;
            await File.WriteAllTextAsync(docPath, updated);
            return;
        }
        Assert.True(current == generated,
            $"docs/security.md's authorization matrix is out of date (a route without its row, or changed rights). " +
            $"Run the test with {WriteVariable}=1 to rewrite it, then review the diff.\n{generated}");
    }

    [Fact]
    public async Task Every_api_endpoint_is_closed_to_anonymous_callers()
    {
        _ = app.Server;
        var rows = await AuthorizationMatrix.BuildAsync(app.Services);
        var open = rows.Where(r => r.Route.StartsWith("/api/") && r.Allowed[^1]).Select(r => r.Route).ToList();
        Assert.Empty(open);
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "HallBoard.sln"))) return dir.FullName;
        throw new InvalidOperationException("HallBoard.sln not found above the test folder.");
    }
}
