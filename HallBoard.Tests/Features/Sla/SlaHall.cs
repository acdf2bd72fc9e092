using HallBoard.Domain;
using HallBoard.Tests.Infrastructure;
using Microsoft.Extensions.Time.Testing;

namespace HallBoard.Tests.Features.Sla;

/// <summary>The app with its clock at a given moment of the hall's local time (UTC+8); the clock only moves on.</summary>
public sealed class SlaHall : HallAppFactory
{
    public SlaHall(int year, int month, int day, int hour, int minute = 0)
    {
        Clock = new FakeTimeProvider(Local(year, month, day, hour, minute));
    }

    public FakeTimeProvider Time => Clock!;

    protected override bool SharesSeededDemo => true;

    /// <summary>A moment of hall time, as UTC.</summary>
    public static DateTime Local(int year, int month, int day, int hour, int minute = 0) =>
        new DateTime(year, month, day, hour, minute, 0, DateTimeKind.Utc).AddHours(-8);

    public void MoveTo(int year, int month, int day, int hour, int minute = 0) => Time.SetUtcNow(Local(year, month, day, hour, minute));

    public static TicketDraft Draft(string name, Priority priority = Priority.Normal) => new()
    {
        TaxpayerName = name,
        Channel = Channel.Counter,
        Category = Category.Invoice,
        Kind = TicketKind.Fault,
        Priority = priority,
        Description = "自助终端领用发票后打印失败",
    };
}
