using HallBoard.Data;
using HallBoard.Domain;
using HallBoard.Features.Audit;
using HallBoard.Hosting;
using Microsoft.EntityFrameworkCore;

namespace HallBoard.Features.Api;

/// <summary>Every read of tickets through the API leaves one audit entry: which key, which tickets, masked or not.</summary>
public sealed class ApiReadAudit(IDbContextFactory<HallDbContext> dbFactory, HallTime time)
{
    public const string Action = "接口读取工单";

    public static string Disclosure(bool pii) => pii ? "含完整识别号和电话（pii）" : "识别号和电话已脱敏";

    public async Task TicketAsync(Actor actor, string number, bool pii, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        db.Audit(actor, time.UtcNow, Action, nameof(Ticket), number, null, Disclosure(pii));
        await db.SaveChangesAsync(ct);
    }

    public async Task ListAsync(Actor actor, IReadOnlyList<string> numbers, int page, bool pii, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var listed = numbers.Count == 0 ? "无" : string.Join("、", numbers);
        db.Audit(actor, time.UtcNow, Action, nameof(Ticket), null, $"列表第 {page} 页，{numbers.Count} 条",
            $"{Disclosure(pii)}；工单：{listed}");
        await db.SaveChangesAsync(ct);
    }
}
