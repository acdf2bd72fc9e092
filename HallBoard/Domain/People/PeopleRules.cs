using System.Text.RegularExpressions;
using HallBoard.Domain.Validation;

namespace HallBoard.Domain.People;

/// <summary>A hall as typed on the admin page, checked: code 2-8 uppercase letters or digits, a name.</summary>
public sealed record HallInput(string Code, string Name)
{
    public static HallInput Validated(string? code, string? name)
    {
        var errors = new Dictionary<string, string[]>();
        var c = (code ?? "").Trim().ToUpperInvariant();
        var n = (name ?? "").Trim();
        if (!PeopleRules.HallCode().IsMatch(c)) errors["code"] = ["服务厅代码须为 2-8 位大写字母或数字，如 GX、HB2。"];
        if (n.Length is 0 or > 100) errors["name"] = ["请填写服务厅名称（最多 100 字）。"];
        else if (TextRules.HasMarkup(n)) errors["name"] = ["服务厅名称" + TextRules.MarkupMessage];
        if (errors.Count > 0) throw new ValidationFailedException(errors);
        return new HallInput(c, n);
    }
}

/// <summary>An engineer's record as typed: name, employee no., phone, qualification (major, certificates), hall.</summary>
public sealed record EngineerInput(int HallId, string Name, string EmployeeNo, string Phone, string? Major, string? Certificates)
{
    public static EngineerInput Validated(int hallId, string? name, string? employeeNo, string? phone, string? major, string? certificates)
    {
        var errors = new Dictionary<string, string[]>();
        var n = (name ?? "").Trim();
        var no = (employeeNo ?? "").Trim().ToUpperInvariant();
        if (hallId <= 0) errors["hallId"] = ["请选择所属服务厅。"];
        if (n.Length is 0 or > 50) errors["name"] = ["请填写姓名（最多 50 字）。"];
        else if (TextRules.HasMarkup(n)) errors["name"] = ["姓名" + TextRules.MarkupMessage];
        if (!PeopleRules.EmployeeNo().IsMatch(no)) errors["employeeNo"] = ["工号须为 1-20 位字母、数字或“-”。"];
        var check = PhoneNumber.Check(phone);
        if (!check.IsValid) errors["phone"] = [check.Error ?? "联系电话格式不正确"];
        var m = Optional(major, 50, "专业", "major", errors);
        var certs = Optional(certificates, 200, "证书", "certificates", errors);
        if (errors.Count > 0) throw new ValidationFailedException(errors);
        return new EngineerInput(hallId, n, no, check.Normalized, m, certs);
    }

    private static string? Optional(string? text, int max, string label, string field, Dictionary<string, string[]> errors)
    {
        var t = (text ?? "").Trim();
        if (t.Length > max) errors[field] = [$"{label}最多 {max} 字。"];
        else if (TextRules.HasMarkup(t)) errors[field] = [label + TextRules.MarkupMessage];
        return t.Length == 0 ? null : t;
    }

    public void ApplyTo(Engineer e)
    {
        e.HallId = HallId;
        e.Name = Name;
        e.EmployeeNo = EmployeeNo;
        e.Phone = Phone;
        e.Major = Major;
        e.Certificates = Certificates;
    }

    public override string ToString() => $"{Name}，工号 {EmployeeNo}，电话 {PhoneNumber.Mask(Phone)}，专业 {Major ?? "—"}，证书 {Certificates ?? "—"}";
}

public static partial class PeopleRules
{
    [GeneratedRegex("^[A-Z0-9]{2,8}$")]
    internal static partial Regex HallCode();

    [GeneratedRegex("^[A-Z0-9-]{1,20}$")]
    internal static partial Regex EmployeeNo();

    /// <summary>Account user names: what Identity accepts, kept short and typeable on a tablet.</summary>
    [GeneratedRegex("^[A-Za-z0-9._@-]{3,50}$")]
    public static partial Regex UserName();
}
