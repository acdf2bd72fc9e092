using System.ComponentModel;
using System.Reflection;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.Extensions.Options;
using JsonOptions = Microsoft.AspNetCore.Http.Json.JsonOptions;

namespace HallBoard.Features.Api;

public interface IApiBody
{
    IReadOnlyDictionary<string, string[]>? Errors { get; }

    /// <summary>400 for content, 413 for a body too large, 415 for one that is not JSON.</summary>
    int Status { get; }
}

/// <summary>
/// A JSON request body read by the API itself: framework binding answers a bad body with an empty 400
/// (or a 500 page in Development), whereas this names the field and the accepted values in Chinese.
/// </summary>
public sealed class ApiBody<T> : IApiBody, IEndpointParameterMetadataProvider where T : class
{
    public const int MaxBytes = 256 * 1024;
    private const string BadText = "请求体包含无效的 Unicode 字符（如孤立的代理项 \\uD800），请检查文本字段。";
    private readonly T? _value;

    private ApiBody(T? value, IReadOnlyDictionary<string, string[]>? errors, int status) =>
        (_value, Errors, Status) = (value, errors, status);

    public IReadOnlyDictionary<string, string[]>? Errors { get; }

    public int Status { get; }

    /// <summary>The body; only read by handlers, which run when <see cref="Errors"/> is null.</summary>
    public T Value => _value ?? throw new InvalidOperationException("The body had errors.");

    public static async ValueTask<ApiBody<T>?> BindAsync(HttpContext context, ParameterInfo parameter)
    {
        if (!context.Request.HasJsonContentType())
            return Fail("body", "请求体须为 JSON（Content-Type: application/json）。", StatusCodes.Status415UnsupportedMediaType);
        if (context.Request.ContentLength > MaxBytes) return TooLarge();
        var bytes = await ReadAsync(context.Request.Body, context.RequestAborted);
        if (bytes is null) return TooLarge();
        if (bytes.All(b => b is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n'))
            return Fail("body", "请求体不能为空。");

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(bytes, new JsonDocumentOptions { MaxDepth = 32 });
        }
        catch (JsonException error)
        {
            return Fail("body", $"请求体不是有效的 JSON（第 {error.LineNumber + 1} 行第 {error.BytePositionInLine + 1} 个字符附近）。");
        }
        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object)
                return Fail("body", "请求体须为 JSON 对象。");
            var options = context.RequestServices.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions;
            try
            {
                return new ApiBody<T>(document.Deserialize<T>(options), null, StatusCodes.Status200OK);
            }
            catch (JsonException error)
            {
                return Describe(error, document.RootElement);
            }
            catch (InvalidOperationException)
            {
                // System.Text.Json cannot turn an escaped lone surrogate into a .NET string.
                return Fail("body", BadText);
            }
        }
    }

    public static void PopulateMetadata(ParameterInfo parameter, EndpointBuilder builder) =>
        builder.Metadata.Add(new AcceptsMetadata(["application/json"], typeof(T)));

    private static ApiBody<T> TooLarge() =>
        Fail("body", $"请求体过大（最多 {MaxBytes / 1024} KB）。", StatusCodes.Status413PayloadTooLarge);

    private static ApiBody<T> Fail(string field, string message, int status = StatusCodes.Status400BadRequest) =>
        new(null, new Dictionary<string, string[]> { [field] = [message] }, status);

    private static ApiBody<T> Describe(JsonException error, JsonElement root)
    {
        var name = error.Path is { Length: > 2 } path && path.StartsWith("$.")
            ? path[2..].Split('.', '[')[0]
            : null;
        var property = name is null ? null
            : typeof(T).GetProperties().FirstOrDefault(p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase));
        if (property is null) return Fail("body", "请求体中有字段的类型不正确。");

        var field = JsonNamingPolicy.CamelCase.ConvertName(property.Name);
        var label = property.GetCustomAttribute<DescriptionAttribute>()?.Description ?? field;
        var type = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
        string? given;
        try
        {
            given = TryFind(root, name!, out var value) ? Given(value) : null;
        }
        catch (InvalidOperationException)
        {
            given = "（无效字符）";
        }
        // System.Text.Json reports an escaped lone surrogate (\uD800) as a JsonException around this.
        var badText = error.InnerException is InvalidOperationException;
        var message = type switch
        {
            _ when badText => $"{label}包含无效的 Unicode 字符（如孤立的代理项 \\uD800）。",
            { IsEnum: true } => $"{label}“{given}”无效，可选值：{string.Join("、", Enum.GetNames(type))}。",
            _ when type == typeof(int) => $"{label}须为整数（范围 {int.MinValue} 至 {int.MaxValue}）。",
            _ when type == typeof(string) => $"{label}须为文本。",
            _ when type == typeof(bool) => $"{label}须为 true 或 false。",
            _ => $"{label}格式不正确。",
        };
        return Fail(field, message);
    }

    /// <summary>What the caller sent, short and printable: echoed in the message, it must itself be valid text.</summary>
    private static string Given(JsonElement value)
    {
        var text = value.ValueKind == JsonValueKind.String ? value.GetString() ?? "" : value.GetRawText();
        if (Domain.TextRules.HasHidden(text, multiline: false)) return "（含不可见字符）";
        return text.Length > 40 ? text[..40] + "…" : text;
    }

    private static bool TryFind(JsonElement root, string name, out JsonElement value)
    {
        foreach (var p in root.EnumerateObject())
            if (string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase))
            {
                value = p.Value;
                return true;
            }
        value = default;
        return false;
    }

    private static async Task<byte[]?> ReadAsync(Stream body, CancellationToken ct)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await body.ReadAsync(chunk, ct)) > 0)
        {
            if (buffer.Length + read > MaxBytes) return null;
            buffer.Write(chunk, 0, read);
        }
        return buffer.ToArray();
    }
}
