using System.Globalization;
using HallBoard.Domain.Validation;

namespace HallBoard.Live;

/// <summary>Masks what live screens show about a taxpayer.</summary>
public static class Masking
{
    /// <summary>Keeps the first character and always adds two stars, whatever the length, so the length of a
    /// name does not leak either: "张三丰" → "张**", "某某科技有限公司" → "某**". Masking twice gives the same result.</summary>
    public static string? Name(string? name)
    {
        var trimmed = name?.Trim();
        if (string.IsNullOrEmpty(trimmed)) return null;
        return StringInfo.GetNextTextElement(trimmed) + "**";
    }

    /// <summary>"9135**********0Y43": first and last four kept.</summary>
    public static string? TaxpayerId(string? id) => string.IsNullOrWhiteSpace(id) ? null : Domain.Validation.TaxpayerId.Mask(id);

    /// <summary>"138****5678".</summary>
    public static string? Phone(string? phone) => string.IsNullOrWhiteSpace(phone) ? null : PhoneNumber.Mask(phone);
}
