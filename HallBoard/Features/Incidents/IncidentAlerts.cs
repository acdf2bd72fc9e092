using HallBoard.Data;
using HallBoard.Domain;
using HallBoard.Features.Wall;
using HallBoard.Live;
using Microsoft.EntityFrameworkCore;

namespace HallBoard.Features.Incidents;

/// <summary>An open major incident is an alert of its own kind on the hall: it travels the existing alert path
/// (published at once when declared or closed, and re-checked with the other alerts), and the wall shows it as a
/// banner. The message is the incident's title and channels: staff are told not to put taxpayer data in the title.</summary>
public sealed class IncidentAlertSource(IDbContextFactory<HallDbContext> dbFactory) : IHallAlertSource
{
    public const string Kind = "MajorIncident";

    public async ValueTask<IReadOnlyList<HallAlert>> AlertsAsync(HallSituation situation, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var open = await db.MajorIncidents.AsNoTracking()
            .Where(i => i.HallId == situation.Hall.Id && i.Status == IncidentStatus.Open)
            .OrderBy(i => i.StartUtc)
            .Select(i => new { i.Id, i.Title, i.ChannelCodes, i.StartUtc })
            .ToListAsync(ct);
        return open.Select(i => Alert(i.Id, i.Title, i.ChannelCodes, i.StartUtc)).ToList();
    }

    public static HallAlert Of(MajorIncident incident) =>
        Alert(incident.Id, incident.Title, incident.ChannelCodes, incident.StartUtc);

    public static string AlertId(int incidentId) => $"incident:{incidentId}";

    private static HallAlert Alert(int id, string title, string channelCodes, DateTime startUtc) =>
        new(AlertId(id), Kind, AlertKinds.Critical,
            $"重大事件：{title}（影响：{string.Join("、", MajorIncident.ParseChannels(channelCodes).Select(Labels.Of))}）",
            null, startUtc);
}
