using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using HallBoard.Domain;
using HallBoard.Features.Account;
using HallBoard.Tests.Infrastructure;
using HallBoard.Tests.Live;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace HallBoard.Tests.Security;

/// <summary>
/// Hundreds of bad requests over the API, the hub and the public forms against one app on Kestrel: none answers
/// 5xx, none changes a row of any table, and every answer carries a Chinese message.
/// </summary>
[Trait("Provider", "Sqlite")] // reads the SQLite file behind the app
public sealed partial class BadInputCorpusTests(BadInputCorpusTests.App fixture) : IClassFixture<BadInputCorpusTests.App>
{
    public sealed class App : IAsyncLifetime
    {
        public LiveHall Hall { get; private set; } = default!;
        public int TicketId { get; private set; }
        public string DbPath { get; private set; } = "";

        public async Task InitializeAsync()
        {
            // Throttling is tested elsewhere; here every bad form must meet validation.
            Hall = LiveHall.Start(new Dictionary<string, string?> { ["Feedback:PublicPermitLimit"] = "100000" });
            DbPath = await Hall.App.WithDbAsync(db => Task.FromResult(new SqliteConnectionStringBuilder(db.Database.GetConnectionString()).DataSource!));
            using var api = Api();
            var created = await api.PostAsync("/api/tickets", Json(JsonSerializer.Serialize(GoodTicket())));
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
            TicketId = JsonDocument.Parse(await created.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetInt32();
        }

        public HttpClient Api(string? key = HallAppFactory.ApiKey)
        {
            var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = Hall.BaseUrl };
            if (key is not null) client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
            return client;
        }

        public async Task DisposeAsync() => await Hall.DisposeAsync();
    }

    private sealed record Case(string Label, Func<Task<HttpResponseMessage>> Send);

    private static Dictionary<string, object?> GoodTicket() => new()
    {
        ["hallCode"] = "GX", ["taxpayerName"] = "语料测试公司", ["channel"] = "Counter", ["category"] = "Invoice",
        ["kind"] = "Fault", ["description"] = "打印失败",
    };

    private static StringContent Json(string raw) => new(raw, Encoding.UTF8, "application/json");

    [GeneratedRegex(@"\p{IsCJKUnifiedIdeographs}")]
    private static partial Regex Cjk();

    [Fact]
    public async Task Bad_api_requests_answer_chinese_4xx_and_change_nothing()
    {
        var cases = ApiCases();
        Assert.True(cases.Count >= 150, $"{cases.Count} API cases");
        await RunAsync(cases, ignoreTables: []);
    }

    [Fact]
    public async Task Bad_public_forms_answer_in_chinese_and_change_nothing()
    {
        var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = new CookieContainer() })
            { BaseAddress = fixture.Hall.BaseUrl };
        var cases = FormCases(client);
        Assert.True(cases.Count >= 40, $"{cases.Count} form cases");
        await RunAsync(cases, ignoreTables: [], client);

        // Failed sign-ins are audited by design (the audit rows and their chain's head); nothing else may change.
        await RunAsync(LoginCases(client), ignoreTables: ["AuditEntries", "AuditChainHeads"], client);
    }

    [Fact]
    public async Task Bad_hub_arguments_are_refused_in_chinese_and_the_connection_stays()
    {
        var before = await CountsAsync();
        await using var hub = fixture.Hall.Hub();
        await hub.StartAsync();
        string?[] codes =
        [
            null, "", "   ", "\t", new string('G', 33), new string('长', 10_000), "\u0000", "G\u0000X", "G\u200BX", "\u202EXG", "G\u2066X",
            "\uFEFFGX", "<script>alert(1)</script>", "javascript:alert(1)", "XX", "GX' OR '1'='1", "GX\"; DROP TABLE Tickets; --",
            "../GX", "%47%58", "ＧＸ", "😀", "null", "0", "-1", "9999999999999999999999", "{\"code\":\"GX\"}", "G X", "GX\r\n", "\u00A0", "广州",
        ];
        var answered = 0;
        var failures = new List<string>();
        foreach (var method in new[] { "JoinHall", "LeaveHall" })
            foreach (var code in codes)
            {
                try
                {
                    await hub.InvokeAsync<object?>(method, code);
                    failures.Add($"{method}({Show(code)}) was accepted");
                }
                catch (HubException refused) when (Cjk().IsMatch(refused.Message))
                {
                    answered++;
                }
                catch (HubException refused)
                {
                    failures.Add($"{method}({Show(code)}): {refused.Message}");
                }
                Assert.Equal(HubConnectionState.Connected, hub.State);
            }
        Assert.True(failures.Count == 0, string.Join("\n", failures));
        Assert.True(answered >= 60);
        // The connection still works for a good call after all of that.
        await hub.InvokeAsync<JsonElement>("JoinHall", "GX");
        Assert.Equal(before, await CountsAsync());
    }

    private List<Case> ApiCases()
    {
        var api = fixture.Api();
        var id = fixture.TicketId;
        var cases = new List<Case>();
        void Post(string label, string url, HttpContent content) => cases.Add(new(label, () => api.PostAsync(url, content)));
        // The server answers an oversize body before reading it and may close while the client still writes; with
        // Expect: 100-continue the client waits for that answer instead of failing on a broken pipe.
        void PostOversize(string label, string url, HttpContent content) => cases.Add(new(label, () => api.SendAsync(
            new HttpRequestMessage(HttpMethod.Post, url) { Content = content, Headers = { ExpectContinue = true } })));

        string[] bodies =
        [
            "", "   ", "null", "[]", "\"text\"", "123", "{", "{\"version\":", "{\"version\":\"abc\"}", "{\"version\":1e400}",
            "{\"version\":99999999999}", "{\"version\":-1,\"reason\":\"\\u202E复查\"}", "{\"reason\":\"\\ud800\"}", "{\"reason\":123}",
            "{\"engineerNo\":[\"E01\"]}", "{\"engineerNo\":\"E0\\u200B1\"}", "{\"resolution\":\"<script>alert(1)</script>\"}",
            "{\"reason\":\"" + new string('长', 2001) + "\"}", "{\"level\":\"Great\",\"outcome\":7,\"succeeded\":\"yes\"}",
            "{\"toEngineerNo\":\"E99\",\"reason\":\"\\u0000\"}",
        ];
        string[] commands = ["take", "handover", "resolve", "reopen", "follow-up", "rate", "close", "guidance-outcome", "wait-on-taxpayer", "resume"];
        foreach (var command in commands)
            foreach (var body in bodies)
                Post($"{command} {body[..Math.Min(body.Length, 40)]}", $"/api/tickets/{id}/{command}", Json(body));

        object?[] badValues =
        [
            "", "   ", new string('名', 101), "张\u0000三", "张\u202E三", "张\u200B三", "张\u2066三", "<b>某</b>", "javascript:alert(1)",
            123, true, new[] { 1 }, new { a = 1 },
        ];
        foreach (var field in new[] { "taxpayerName", "description", "hallCode", "channel", "category", "kind" })
            foreach (var value in badValues)
            {
                if (field == "description" && value is string { Length: 101 }) continue; // a 101-character description is fine
                var ticket = GoodTicket();
                ticket[field] = value;
                Post($"create {field}={Show(value)}", "/api/tickets", Json(JsonSerializer.Serialize(ticket)));
            }
        (string Field, object? Value)[] more =
        [
            ("taxpayerId", "110105209901010012"), ("taxpayerId", "123"), ("taxpayerId", "9135\u0000"), ("taxpayerPhone", "abc"),
            ("taxpayerPhone", new string('1', 40)), ("priority", "Huge"), ("guidanceItemId", -1), ("guidanceItemId", 2147483648L),
            ("guidedOnline", "yes"), ("guidanceSucceeded", true), ("takeByEngineerNo", "E99"), ("description", new string('长', 2001)),
            ("hallCode", "NOPE"), ("hallCode", new string('G', 1000)),
        ];
        foreach (var (field, value) in more)
        {
            var ticket = GoodTicket();
            ticket[field] = value;
            Post($"create {field}={Show(value)}", "/api/tickets", Json(JsonSerializer.Serialize(ticket)));
        }
        foreach (var raw in new[]
        {
            "{\"hallCode\":\"GX\",\"taxpayerName\":\"\\ud800\",\"channel\":\"Counter\",\"category\":\"Invoice\",\"kind\":\"Fault\",\"description\":\"x\"}",
            "{\"hallCode\":\"GX\",\"taxpayerName\":\"某\",\"channel\":\"\\udc00\",\"category\":\"Invoice\",\"kind\":\"Fault\",\"description\":\"x\"}",
            new string('[', 200) + new string(']', 200), "{\"a\":" + new string('[', 100) + new string(']', 100) + "}",
        })
            Post($"create raw {raw[..20]}", "/api/tickets", Json(raw));
        Post("create invalid utf-8", "/api/tickets", new ByteArrayContent([0x7B, 0x22, 0xC3, 0x28, 0x22, 0x3A, 0x31, 0x7D]) { Headers = { ContentType = new("application/json") } });
        Post("create text/plain", "/api/tickets", new StringContent(JsonSerializer.Serialize(GoodTicket()), Encoding.UTF8, "text/plain"));
        Post("create form", "/api/tickets", new FormUrlEncodedContent(new Dictionary<string, string> { ["hallCode"] = "GX" }));
        PostOversize("create 300 KB", "/api/tickets", Json("{\"description\":\"" + new string('a', 300 * 1024) + "\"}"));
        PostOversize("create 2 MB", "/api/tickets", Json("{\"description\":\"" + new string('a', 2 * 1024 * 1024) + "\"}"));

        foreach (var path in new[] { "0", "-1", "2147483647", "2147483648", "99999999999", "abc", "1%20OR%201=1", "%E2%80%AE1", "1.5" })
            cases.Add(new($"get {path}", () => api.GetAsync($"/api/tickets/{path}")));
        foreach (var path in new[] { "0", "-1", "2147483648", "abc", "99999999" })
            Post($"take on {path}", $"/api/tickets/{path}/take", Json("{\"engineerNo\":\"E01\"}"));
        foreach (var query in new[]
        {
            "page=0", "page=-1", "page=abc", "page=2147483647", "page=99999999999", "page=1e3", "pageSize=0", "pageSize=201",
            "pageSize=-5", "pageSize=abc", "status=Bad", "status=%00", "view=Mine", "view=Nope", "channel=Fax",
            "q=" + new string('a', 101), "q=%E2%80%AE", "q=%00", "q=a%E2%80%8Bb", "hall=NOPE", "hall=%E2%80%AEGX",
        })
            cases.Add(new($"list {query[..Math.Min(query.Length, 30)]}", () => api.GetAsync($"/api/tickets?{query}")));

        foreach (var (method, url) in new[]
        {
            ("PUT", "/api/tickets"), ("DELETE", "/api/tickets"), ("PATCH", "/api/tickets"), ("PUT", $"/api/tickets/{id}"),
            ("DELETE", $"/api/tickets/{id}"), ("PATCH", $"/api/tickets/{id}"), ("POST", $"/api/tickets/{id}"),
            ("GET", $"/api/tickets/{id}/take"), ("PUT", $"/api/tickets/{id}/resolve"), ("DELETE", $"/api/tickets/{id}/close"),
            ("GET", "/api/tickets/1/nope"), ("POST", "/api/tickets/1/nope"), ("GET", "/api/nothing"),
        })
            cases.Add(new($"{method} {url}", () => api.SendAsync(new HttpRequestMessage(new HttpMethod(method), url)
                { Content = method == "GET" ? null : Json("{}") })));

        foreach (var key in new[] { null, "hb_not_a_key", new string('k', 500), "hb_test_key_0123456789abcdeF" })
        {
            var other = fixture.Api(key);
            cases.Add(new($"key {key?[..Math.Min(key.Length, 12)]} get", () => other.GetAsync($"/api/tickets/{id}")));
            cases.Add(new($"key {key?[..Math.Min(key.Length, 12)]} post", () => other.PostAsync("/api/tickets", Json(JsonSerializer.Serialize(GoodTicket())))));
        }
        var basic = fixture.Api(null);
        basic.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", "YWRtaW46eA==");
        cases.Add(new("basic auth", () => basic.GetAsync("/api/tickets")));
        return cases;
    }

    private static readonly string[] BadTexts =
    [
        "", "   ", "意见\u0000内容", "意见\u202E内容", "意见\u200B内容", "意见\u2066内容", "意见\uFEFF内容", "<script>alert(1)</script>",
        "<img src=x onerror=alert(1)>", "javascript:alert(1)", new string('长', 1001),
    ];

    private List<Case> FormCases(HttpClient client)
    {
        var cases = new List<Case>();
        void Form(string label, string action, Dictionary<string, string> fields) =>
            cases.Add(new(label, () => FormPost.SubmitAsync(client, "/login", action, fields)));

        foreach (var text in BadTexts)
            Form($"public content {Show(text)}", "/public/GX/feedback", new() { ["kind"] = "Suggestion", ["content"] = text });
        foreach (var kind in new[] { "", "Bad", "99", "-1", "suggestion\u0000", "建议" })
            Form($"public kind {Show(kind)}", "/public/GX/feedback", new() { ["kind"] = kind, ["content"] = "大厅空调太冷" });
        foreach (var name in new[] { "张\n三", "张\u202E三", "<b>张</b>", new string('张', 51) })
            Form($"public name {Show(name)}", "/public/GX/feedback", new() { ["kind"] = "Suggestion", ["content"] = "大厅空调太冷", ["contactName"] = name });
        foreach (var phone in new[] { "abc", "1", new string('1', 40), "138\u0000" })
            Form($"public phone {Show(phone)}", "/public/GX/feedback", new() { ["kind"] = "Suggestion", ["content"] = "大厅空调太冷", ["contactPhone"] = phone });
        foreach (var code in new[] { "NOPE", "%E2%80%AEGX", new string('G', 300) })
            Form($"public hall {Show(code)}", $"/public/{code}/feedback", new() { ["kind"] = "Suggestion", ["content"] = "大厅空调太冷" });
        cases.Add(new("public oversize", () => FormPost.SubmitAsync(client, "/login", "/public/GX/feedback",
            new Dictionary<string, string> { ["kind"] = "Suggestion", ["content"] = new string('长', 200_000) }, expectContinue: true)));
        cases.Add(new("public without antiforgery", () => client.PostAsync("/public/GX/feedback",
            new FormUrlEncodedContent(new Dictionary<string, string> { ["kind"] = "Suggestion", ["content"] = "大厅空调太冷" }))));

        var unknown = "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA";
        foreach (var token in new[] { unknown, "%C3%BC", "%E8%AF%84", "a%0D%0Ab", new string('a', 65) })
        {
            Form($"rate {Show(token)}", $"/rate/{token}", new() { ["level"] = "1" });
            Form($"rate feedback {Show(token)}", $"/rate/{token}/feedback", new() { ["kind"] = "Suggestion", ["content"] = "很好" });
        }
        foreach (var level in new[] { "", "0", "6", "99", "-1", "abc", "2147483648", "1e3" })
            Form($"rate level {level}", $"/rate/{unknown}", new() { ["level"] = level });
        return cases;
    }

    private static List<Case> LoginCases(HttpClient client)
    {
        var cases = new List<Case>();
        string[] names = ["", "   ", "nobody\u0000", "no\u202Ebody", "<script>", "' OR '1'='1' --", new string('a', 1000), "管理员\u200B"];
        foreach (var name in names)
            cases.Add(new($"login {Show(name)}", () => FormPost.SubmitAsync(client, "/login", "/account/login",
                new Dictionary<string, string> { ["userName"] = name, ["password"] = "wrong", ["returnUrl"] = "/" })));
        cases.Add(new("login without antiforgery", () => client.PostAsync("/account/login",
            new FormUrlEncodedContent(new Dictionary<string, string> { ["userName"] = "admin", ["password"] = "x" }))));
        return cases;
    }

    private async Task RunAsync(List<Case> cases, string[] ignoreTables, HttpClient? follow = null)
    {
        var before = await CountsAsync(ignoreTables);
        var failures = new List<string>();
        foreach (var c in cases)
        {
            using var response = await c.Send();
            var status = (int)response.StatusCode;
            var body = await response.Content.ReadAsStringAsync();
            var message = body;
            if (status is >= 300 and < 400 && response.Headers.Location is { } location)
            {
                var target = Uri.UnescapeDataString(location.OriginalString);
                message = Cjk().IsMatch(target) || follow is null ? target : await follow.GetStringAsync(location);
            }
            if (status >= 500 || status < 300) failures.Add($"{c.Label}: {status} {Clip(body)}");
            else if (!Cjk().IsMatch(message)) failures.Add($"{c.Label}: {status} without a Chinese message: {Clip(message)}");
        }
        Assert.True(failures.Count == 0, $"{failures.Count} of {cases.Count}:\n" + string.Join("\n", failures));
        Assert.Equal(before, await CountsAsync(ignoreTables));
    }

    /// <summary>Written only by the app's background monitors (wall alerts, absences from post).</summary>
    private static readonly string[] BackgroundTables = ["RaisedHallAlerts", "AbsenceRecords"];

    private async Task<string> CountsAsync(params string[] ignoreTables)
    {
        await using var connection = new SqliteConnection($"Data Source={fixture.DbPath};Mode=ReadOnly;Pooling=False");
        await connection.OpenAsync();
        var tables = new List<string>();
        await using (var list = connection.CreateCommand())
        {
            list.CommandText = "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name";
            await using var reader = await list.ExecuteReaderAsync();
            while (await reader.ReadAsync()) tables.Add(reader.GetString(0));
        }
        var counts = new StringBuilder();
        foreach (var table in tables.Except(ignoreTables).Except(BackgroundTables))
        {
            await using var count = connection.CreateCommand();
            // The app's own monitors keep working on the real clock while the corpus runs (an alert raised as the demo
            // ticket waits on, a minute of unknown sign-ins written): their rows are theirs, not the requests'.
            count.CommandText = table == "AuditEntries"
                ? $"SELECT COUNT(*) FROM \"AuditEntries\" WHERE \"ActorId\" NOT IN ('{Actor.System.Id}', '{UnknownSignIns.Someone.Id}')"
                : $"SELECT COUNT(*) FROM \"{table}\"";
            counts.Append(table).Append('=').Append(await count.ExecuteScalarAsync()).Append(' ');
        }
        return counts.ToString();
    }

    private static string Show(object? value) => value switch
    {
        null => "null",
        string s => JsonSerializer.Serialize(s.Length > 20 ? s[..20] + "…" : s),
        _ => JsonSerializer.Serialize(value),
    };

    private static string Clip(string text) => text.Length > 200 ? text[..200] : text;
}
