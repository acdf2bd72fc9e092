using System.Globalization;

namespace HallBoard.Benchmarks;

/// <summary>What to run and how much of it. Every loop of the benchmark is bounded by these numbers.</summary>
public sealed record BenchOptions
{
    public IReadOnlyList<int> Clients { get; init; } = [50, 200, 500];
    public IReadOnlyList<int> Rates { get; init; } = [5, 20];
    public double SecondsPerRun { get; init; } = 10;
    public IReadOnlySet<string> Parts { get; init; } = new HashSet<string>(AllParts);
    public int WallPages { get; init; } = 4;
    public int WallTickets { get; init; } = 30;
    public double WallTicketsPerSecond { get; init; } = 1;
    public int IdlePages { get; init; } = 20;
    public int IdleSettleSeconds { get; init; } = 8;
    public string Configuration { get; init; } = "Release";
    public string? ResultsFile { get; init; }
    public string? AppRoot { get; init; }
    public string? DashboardDb { get; init; }
    public int DashboardTickets { get; init; } = 1_000_000;
    public int DashboardDays { get; init; } = 1096;
    public int DashboardRuns { get; init; } = 20;
    public int Halls { get; init; } = 1;
    public string? Postgres { get; init; }
    public string? DumpsDirectory { get; init; }

    public static readonly string[] AllParts = ["floor", "hub", "wall", "memory"];

    /// <summary>Parts run only when named with --only.</summary>
    public static readonly string[] OptionalParts = ["dashboard"];

    public bool Runs(string part) => Parts.Contains(part);

    public const string Usage = """
        HallBoard.Benchmarks — live-path latency and memory (docs/benchmarks.md)
          --clients 50,200,500     hub clients per run
          --rates 5,20             changes a second
          --seconds 10             length of each (clients, rate) run
          --only floor,hub,wall,memory
          --wall-pages 4           Chromium wall pages for the DOM latency
          --wall-tickets 30        tickets created while the wall pages watch
          --wall-rate 1            of those, per second
          --idle-pages 20          idle signed-in pages for the memory figure
          --idle-settle 8          seconds to wait before each memory reading; 140 lets Kestrel close the idle
                                   keep-alive HTTP connections each page load leaves (after 130 s), so only what
                                   an idle wall keeps is counted (the memory part then takes about 8 minutes)
          --configuration Release  which build of HallBoard to start
          --app-root DIR           start DIR/HallBoard/bin/<configuration>/net10.0/HallBoard.dll (default: this repository)
          --results FILE           also write the figures as JSON
          --only dashboard         dashboard queries over a generated history instead (docs/benchmarks.md, "Dashboard"):
          --dashboard-tickets 1000000, --dashboard-days 1096, --dashboard-runs 20, --dashboard-db FILE (kept and reused)
          --halls 1                the generated tickets go round this many halls (the dashboard reads hall 1; the
                                   export, --only export, exports all halls when there are several)
          --postgres CONNSTRING    dashboard and export: generate into and read from this PostgreSQL database instead of a SQLite file
                                   (it is dropped and made again), e.g. "Host=127.0.0.1;Port=5432;Username=me;Database=bench"
          --dumps DIR              keep the memory readings' gcdump files in DIR (what a circuit holds:
                                   dotnet-gcdump report -t heapstat FILE)
          --quick                  50 clients, 3 s runs, 2 wall pages, 10 tickets, 10 idle pages (a smoke run)
        """;

    public static BenchOptions Parse(string[] args)
    {
        var o = new BenchOptions();
        for (var i = 0; i < args.Length; i++)
        {
            string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value");
            o = args[i] switch
            {
                "--clients" => o with { Clients = Ints(Next()) },
                "--rates" => o with { Rates = Ints(Next()) },
                "--seconds" => o with { SecondsPerRun = Number(Next()) },
                "--only" => o with { Parts = Next().Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToHashSet() },
                "--wall-pages" => o with { WallPages = int.Parse(Next(), CultureInfo.InvariantCulture) },
                "--wall-tickets" => o with { WallTickets = int.Parse(Next(), CultureInfo.InvariantCulture) },
                "--wall-rate" => o with { WallTicketsPerSecond = Number(Next()) },
                "--idle-pages" => o with { IdlePages = int.Parse(Next(), CultureInfo.InvariantCulture) },
                "--idle-settle" => o with { IdleSettleSeconds = int.Parse(Next(), CultureInfo.InvariantCulture) },
                "--configuration" => o with { Configuration = Next() },
                "--results" => o with { ResultsFile = Next() },
                "--app-root" => o with { AppRoot = Next() },
                "--dashboard-tickets" => o with { DashboardTickets = int.Parse(Next(), CultureInfo.InvariantCulture) },
                "--dashboard-days" => o with { DashboardDays = int.Parse(Next(), CultureInfo.InvariantCulture) },
                "--dashboard-runs" => o with { DashboardRuns = int.Parse(Next(), CultureInfo.InvariantCulture) },
                "--dashboard-db" => o with { DashboardDb = Next() },
                "--halls" => o with { Halls = int.Parse(Next(), CultureInfo.InvariantCulture) },
                "--postgres" => o with { Postgres = Next() },
                "--dumps" => o with { DumpsDirectory = Next() },
                "--quick" => o with { Clients = [50], SecondsPerRun = 3, WallPages = 2, WallTickets = 10, IdlePages = 10 },
                _ => throw new ArgumentException($"unknown option {args[i]}"),
            };
        }
        var unknown = o.Parts.Except(AllParts).Except(OptionalParts).ToList();
        if (unknown.Count > 0) throw new ArgumentException($"unknown part(s): {string.Join(", ", unknown)}");
        // Hard bounds, so a typo cannot start a run of hours or thousands of sockets.
        if (o.Clients.Any(n => n is < 1 or > 2000)) throw new ArgumentException("--clients: 1..2000");
        if (o.Rates.Any(r => r is < 1 or > 200)) throw new ArgumentException("--rates: 1..200 a second");
        if (o.SecondsPerRun is < 1 or > 60) throw new ArgumentException("--seconds: 1..60");
        if (o.WallPages is < 1 or > 10 || o.WallTickets is < 1 or > 200 || o.WallTicketsPerSecond is <= 0 or > 4)
            throw new ArgumentException("--wall-pages 1..10, --wall-tickets 1..200, --wall-rate up to 4 a second");
        if (o.DashboardTickets is < 1000 or > 5_000_000 || o.DashboardDays is < 1 or > 3660 || o.DashboardRuns is < 1 or > 1000)
            throw new ArgumentException("--dashboard-tickets 1000..5000000, --dashboard-days 1..3660, --dashboard-runs 1..1000");
        if (o.Halls is < 1 or > 500) throw new ArgumentException("--halls: 1..500");
        if (o.IdlePages is < 2 or > 60) throw new ArgumentException("--idle-pages: 2..60");
        if (o.IdleSettleSeconds is < 1 or > 200) throw new ArgumentException("--idle-settle: 1..200 s");
        return o;
    }

    private static int[] Ints(string s) =>
        [.. s.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(x => int.Parse(x.Trim(), CultureInfo.InvariantCulture))];

    private static double Number(string s) => double.Parse(s, CultureInfo.InvariantCulture);
}
