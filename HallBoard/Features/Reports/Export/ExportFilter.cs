using System.Globalization;
using HallBoard.Domain;
using HallBoard.Domain.Validation;

namespace HallBoard.Features.Reports.Export;

/// <summary>Which tickets an export holds: those logged in a hall between two local days, both included.</summary>
public sealed record ExportFilter(int? HallId, DateOnly From, DateOnly To, TicketStatus? Status = null, Channel? Channel = null,
    Category? Category = null, int? EngineerId = null)
{
    public const string DateFormat = "yyyy-MM-dd";

    /// <summary>Three years: a longer export is a copy of the database, not a report.</summary>
    public const int MaxDays = DayRange.ExportMaxDays;

    /// <summary>The filter itself, or a <see cref="ValidationFailedException"/> naming every problem.</summary>
    public ExportFilter Validated()
    {
        var errors = new Dictionary<string, string[]>();
        if (From == default || To == default)
            errors["from"] = ["请选择导出的起止日期。"];
        else
        {
            try
            {
                DayRange.Check(From, To, MaxDays);
            }
            catch (ValidationFailedException range)
            {
                foreach (var (field, messages) in range.Errors) errors[field] = messages;
            }
        }
        if (Status is { } status && !Enum.IsDefined(status)) errors["status"] = ["工单状态无效。"];
        if (Channel is { } channel && !Enum.IsDefined(channel)) errors["channel"] = ["渠道无效。"];
        if (Category is { } category && !Enum.IsDefined(category)) errors["category"] = ["业务类别无效。"];
        if (errors.Count > 0) throw new ValidationFailedException(errors);
        return this;
    }

    /// <summary>
    /// The filter from a download link's query: dates as yyyy-MM-dd; status and channel by name ("Closed") or by
    /// their Chinese label ("已关闭"). Everything wrong is reported at once.
    /// </summary>
    public static ExportFilter FromQuery(int? hallId, string? from, string? to, string? status, string? channel,
        string? category = null, string? engineer = null)
    {
        var errors = new Dictionary<string, string[]>();
        var fromDay = Day(from, "from", "开始日期", errors);
        var toDay = Day(to, "to", "结束日期", errors);
        var statusValue = Choice<TicketStatus>(status, Labels.Of, "status", "工单状态", errors);
        var channelValue = Choice<Channel>(channel, Labels.Of, "channel", "渠道", errors);
        var categoryValue = Choice<Category>(category, Labels.Of, "category", "业务类别", errors);
        int? engineerId = null;
        if (!string.IsNullOrWhiteSpace(engineer))
        {
            if (int.TryParse(engineer.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var id) && id > 0) engineerId = id;
            else errors["engineer"] = [$"工程师“{engineer}”无效。"];
        }
        if (errors.Count > 0) throw new ValidationFailedException(errors);
        return new ExportFilter(hallId, fromDay, toDay, statusValue, channelValue, categoryValue, engineerId).Validated();
    }

    private static DateOnly Day(string? text, string field, string name, Dictionary<string, string[]> errors)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            errors[field] = [$"请选择{name}。"];
            return default;
        }
        if (DateOnly.TryParseExact(text.Trim(), DateFormat, CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
            return day;
        errors[field] = [$"{name}“{text}”无效，格式应为 {DateFormat}。"];
        return default;
    }

    private static T? Choice<T>(string? text, Func<T, string> label, string field, string name, Dictionary<string, string[]> errors)
        where T : struct, Enum
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        var wanted = text.Trim();
        foreach (var value in Enum.GetValues<T>())
            if (value.ToString().Equals(wanted, StringComparison.OrdinalIgnoreCase) || label(value) == wanted)
                return value;
        errors[field] = [$"{name}“{text}”无效。"];
        return null;
    }
}
