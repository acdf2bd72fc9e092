using HallBoard.Features.Account;
using System.Text.Json;
using HallBoard.Data;
using HallBoard.Domain;
using HallBoard.Features.Audit;
using HallBoard.Features.ServiceReports.Records;
using HallBoard.Features.Training;
using HallBoard.Hosting;
using Microsoft.EntityFrameworkCore;

namespace HallBoard.Features.ServiceReports;

public sealed record TrainingInput(DateOnly? Date, string? Topic, string? Trainer, string? Attendees);

public sealed record ImprovementInput(string? Description, string? Owner, DateOnly? DueDate);

public sealed record TrainingRow(int Id, DateOnly Date, string Topic, string Trainer, string Attendees, int AttendeeCount);

public sealed record ImprovementRow(int Id, string Description, string Owner, DateOnly DueDate, ImprovementStatus Status, DateTime CreatedUtc, DateTime? CompletedUtc);

/// <summary>The team's own records the monthly report draws on: trainings held and improvement actions.</summary>
public sealed class TeamRecords(IDbContextFactory<HallDbContext> dbFactory, HallTime time)
{
    private static readonly char[] NameSeparators = ['、', ',', '，', ';', '；', ' ', '\n', '\t'];

    /// <summary>The sessions held in the period (planned and cancelled ones do not count), with their attendee counts.</summary>
    public async Task<IReadOnlyList<TrainingRow>> TrainingsAsync(int hallId, DateOnly? from = null, DateOnly? to = null, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var q = db.Trainings.AsNoTracking().Where(t => t.HallId == hallId && t.Status == TrainingStatus.Held);
        if (from is { } f) q = q.Where(t => t.Date >= f);
        if (to is { } l) q = q.Where(t => t.Date <= l);
        return await q.OrderByDescending(t => t.Date).ThenByDescending(t => t.Id)
            .Select(t => new TrainingRow(t.Id, t.Date, t.Topic, t.Trainer, t.Attendees, t.AttendeeCount)).ToListAsync(ct);
    }

    public async Task<int> AddTrainingAsync(int hallId, TrainingInput input, Actor by, CancellationToken ct = default)
    {
        by.RequireRole(Policies.RolesOf(Policies.ReportReaders));
        by.RequireHall(hallId);
        var errors = new Dictionary<string, string[]>();
        if (input.Date is not { } date) errors["date"] = ["请选择培训日期。"];
        else if (date > time.Today) errors["date"] = ["培训日期晚于今天：这里登记已经举办的培训。"];
        var topic = Text(input.Topic, "topic", "培训主题", TrainingSession.MaxTopic, errors);
        var trainer = Text(input.Trainer, "trainer", "培训讲师", 50, errors);
        var attendees = Text(input.Attendees, "attendees", "参训人员", TrainingSession.MaxAttendees, errors);
        if (errors.Count > 0) throw new ValidationFailedException(errors);

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var now = time.UtcNow;
        var training = new TrainingSession
        {
            HallId = hallId, Date = input.Date!.Value, Topic = topic!, Trainer = trainer!, Attendees = attendees!,
            AttendeeCount = attendees!.Split(NameSeparators, StringSplitOptions.RemoveEmptyEntries).Length,
            CreatedUtc = now, CreatedByName = by.Name,
        };
        db.Trainings.Add(training);
        db.Audit(by, now, "登记培训", "Training", null, null,
            JsonSerializer.Serialize(new { date = ReportPeriod.Text(training.Date), topic, trainer, training.AttendeeCount }), hallId);
        await db.SaveChangesAsync(ct);
        return training.Id;
    }

    public async Task<IReadOnlyList<ImprovementRow>> ImprovementsAsync(int hallId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var rows = await Rows(db.ImprovementActions.AsNoTracking().Where(a => a.HallId == hallId)).ToListAsync(ct);
        return rows.OrderBy(a => a.Status == ImprovementStatus.Done).ThenBy(a => a.DueDate).ThenBy(a => a.Id).ToList();
    }

    /// <summary>The actions that were open at some time in the period: made before it ended, not done before it began.</summary>
    public async Task<IReadOnlyList<ImprovementRow>> ImprovementsDuringAsync(int hallId, ReportPeriod period, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var rows = await Rows(db.ImprovementActions.AsNoTracking().Where(a => a.HallId == hallId && a.CreatedUtc < period.EndUtc
                && (a.CompletedUtc == null || a.CompletedUtc >= period.StartUtc))).ToListAsync(ct);
        return rows.OrderBy(a => a.DueDate).ThenBy(a => a.Id).ToList();
    }

    public async Task<int> AddImprovementAsync(int hallId, ImprovementInput input, Actor by, CancellationToken ct = default)
    {
        by.RequireRole(Policies.RolesOf(Policies.ReportReaders));
        by.RequireHall(hallId);
        var errors = new Dictionary<string, string[]>();
        var description = Text(input.Description, "description", "改进措施", ImprovementAction.MaxDescription, errors);
        var owner = Text(input.Owner, "owner", "责任人", 50, errors);
        if (input.DueDate is null) errors["due"] = ["请选择完成期限。"];
        if (errors.Count > 0) throw new ValidationFailedException(errors);

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var now = time.UtcNow;
        var action = new ImprovementAction
        {
            HallId = hallId, Description = description!, Owner = owner!, DueDate = input.DueDate!.Value,
            Status = ImprovementStatus.Planned, CreatedUtc = now, CreatedByName = by.Name,
        };
        db.ImprovementActions.Add(action);
        db.Audit(by, now, "登记改进措施", nameof(ImprovementAction), null, null,
            JsonSerializer.Serialize(new { description, owner, due = ReportPeriod.Text(action.DueDate) }), hallId);
        await db.SaveChangesAsync(ct);
        return action.Id;
    }

    public async Task SetImprovementStatusAsync(int hallId, int id, ImprovementStatus status, Actor by, CancellationToken ct = default)
    {
        by.RequireRole(Policies.RolesOf(Policies.ReportReaders));
        by.RequireHall(hallId);
        if (!Enum.IsDefined(status)) throw ValidationFailedException.For("status", "状态无效。");
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var action = await db.ImprovementActions.FirstOrDefaultAsync(a => a.Id == id && a.HallId == hallId, ct)
                     ?? throw new NotFoundException("改进措施不存在。");
        if (action.Status == status) return;
        var now = time.UtcNow;
        var before = Labels.Of(action.Status);
        action.Status = status;
        action.CompletedUtc = status == ImprovementStatus.Done ? now : null;
        db.Audit(by, now, "更新改进措施", nameof(ImprovementAction), id.ToString(System.Globalization.CultureInfo.InvariantCulture),
            before, Labels.Of(status), hallId);
        await db.SaveChangesAsync(ct);
    }

    private static IQueryable<ImprovementRow> Rows(IQueryable<ImprovementAction> q) =>
        q.Select(a => new ImprovementRow(a.Id, a.Description, a.Owner, a.DueDate, a.Status, a.CreatedUtc, a.CompletedUtc));

    /// <summary>Required free text: trimmed, not too long, no markup; each problem goes into <paramref name="errors"/>.</summary>
    internal static string? Text(string? text, string field, string name, int max, Dictionary<string, string[]> errors)
    {
        var value = string.IsNullOrWhiteSpace(text) ? null : text.Trim();
        if (value is null) errors[field] = [$"请填写{name}。"];
        else if (value.Length > max) errors[field] = [$"{name}过长（最多 {max} 字）。"];
        else if (TextRules.Problem(value) is { } why) errors[field] = [name + why];
        return value;
    }
}
