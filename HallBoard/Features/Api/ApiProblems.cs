using System.ComponentModel;
using System.Reflection;
using System.Text.Json;
using HallBoard.Domain;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.Extensions.Options;
using JsonOptions = Microsoft.AspNetCore.Http.Json.JsonOptions;

namespace HallBoard.Features.Api;

/// <summary>
/// Turns every user-facing error of the integration API into an RFC 9457 problem in Chinese,
/// so a caller never sees a 500 or an empty 400 for bad input.
/// </summary>
public static class ApiProblems
{
    public const string ValidationTitle = "提交的内容有误";
    public const string RuleTitle = "不允许的操作";
    public const string ConflictTitle = "数据已被修改";
    public const string NotFoundTitle = "未找到";

    /// <summary>Marks endpoints whose errors, including failed sign-in, are answered as problems.</summary>
    public sealed class Marker;

    public static IResult For(HallBoardException error) => error switch
    {
        ValidationFailedException v => Validation(v.Errors),
        TicketRuleException r => TypedResults.Problem(r.Message, statusCode: StatusFor(r.Rule), title: RuleTitle,
            extensions: new Dictionary<string, object?> { ["rule"] = r.Rule.ToString() }),
        ConcurrencyConflictException c => TypedResults.Problem(c.Message, statusCode: StatusCodes.Status409Conflict, title: ConflictTitle),
        NotFoundException n => TypedResults.Problem(n.Message, statusCode: StatusCodes.Status404NotFound, title: NotFoundTitle),
        ForbiddenException f => TypedResults.Problem(f.Message, statusCode: StatusCodes.Status403Forbidden, title: "无权操作"),
        _ => TypedResults.Problem(error.Message, statusCode: StatusCodes.Status400BadRequest, title: "请求无法处理"),
    };

    public static ValidationProblem Validation(IReadOnlyDictionary<string, string[]> errors) =>
        TypedResults.ValidationProblem(errors, title: ValidationTitle);

    /// <summary>A refused state change is a conflict with the ticket's state; refused content cannot be processed.</summary>
    private static int StatusFor(TicketRule rule) => rule switch
    {
        TicketRule.ResolutionRequired or TicketRule.ReasonRequired or TicketRule.TextTooLong or TicketRule.MarkupRefused
            => StatusCodes.Status422UnprocessableEntity,
        _ => StatusCodes.Status409Conflict,
    };
}

/// <summary>Answers body errors found while binding, and domain errors thrown by the handler, as problems.</summary>
public sealed class ApiProblemFilter : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        foreach (var argument in context.Arguments)
            if (argument is IApiBody { Errors: { } errors })
                return ApiProblems.Validation(errors);
        try
        {
            return await next(context);
        }
        catch (HallBoardException error)
        {
            return ApiProblems.For(error);
        }
    }
}

/// <summary>Collects field errors (camelCase keys, Chinese messages) and throws them together.</summary>
public sealed class ApiErrors
{
    private readonly Dictionary<string, string[]> _errors = [];

    public void Add(string field, string message) =>
        _errors[field] = _errors.TryGetValue(field, out var existing) ? [.. existing, message] : [message];

    public void Add(IReadOnlyDictionary<string, string[]> errors)
    {
        foreach (var (field, messages) in errors)
            foreach (var message in messages) Add(field, message);
    }

    public T Required<T>(T? value, string field, string message) where T : struct
    {
        if (value is null) Add(field, message);
        return value.GetValueOrDefault();
    }

    public string Required(string? value, string field, string message)
    {
        if (string.IsNullOrWhiteSpace(value)) Add(field, message);
        return value?.Trim() ?? "";
    }

    public void ThrowIfAny()
    {
        if (_errors.Count > 0) throw new ValidationFailedException(_errors);
    }
}

public interface IApiBody
{
    IReadOnlyDictionary<string, string[]>? Errors { get; }
}

/// <summary>
/// A JSON request body read by the API itself: framework binding answers a bad body with an empty 400
/// (or a 500 page in Development), whereas this names the field and the accepted values in Chinese.
/// </summary>
public sealed class ApiBody<T> : IApiBody, IEndpointParameterMetadataProvider where T : class
{
    private const int MaxBytes = 256 * 1024;
    private readonly T? _value;

    private ApiBody(T? value, IReadOnlyDictionary<string, string[]>? errors) => (_value, Errors) = (value, errors);

    public IReadOnlyDictionary<string, string[]>? Errors { get; }

    /// <summary>The body; only read by handlers, which run when <see cref="Errors"/> is null.</summary>
    public T Value => _value ?? throw new InvalidOperationException("The body had errors.");

    public static async ValueTask<ApiBody<T>?> BindAsync(HttpContext context, ParameterInfo parameter)
    {
        if (!context.Request.HasJsonContentType())
            return Fail("body", "请求体须为 JSON（Content-Type: application/json）。");
        var bytes = await ReadAsync(context.Request.Body, context.RequestAborted);
        if (bytes is null) return Fail("body", $"请求体过大（最多 {MaxBytes / 1024} KB）。");
        if (bytes.All(b => b is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n'))
            return Fail("body", "请求体不能为空。");

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(bytes);
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
                return new ApiBody<T>(document.Deserialize<T>(options), null);
            }
            catch (JsonException error)
            {
                return Describe(error, document.RootElement);
            }
        }
    }

    public static void PopulateMetadata(ParameterInfo parameter, EndpointBuilder builder) =>
        builder.Metadata.Add(new AcceptsMetadata(["application/json"], typeof(T)));

    private static ApiBody<T> Fail(string field, string message) =>
        new(null, new Dictionary<string, string[]> { [field] = [message] });

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
        var given = TryFind(root, name!, out var value)
            ? value.ValueKind == JsonValueKind.String ? value.GetString() : value.GetRawText()
            : null;
        var message = type switch
        {
            { IsEnum: true } => $"{label}“{given}”无效，可选值：{string.Join("、", Enum.GetNames(type))}。",
            _ when type == typeof(int) => $"{label}须为整数。",
            _ when type == typeof(string) => $"{label}须为文本。",
            _ => $"{label}格式不正确。",
        };
        return Fail(field, message);
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

/// <summary>A missing, unknown or revoked key is answered with a 401 problem instead of an empty page.</summary>
public sealed class ApiAuthorizationResultHandler : IAuthorizationMiddlewareResultHandler
{
    private readonly AuthorizationMiddlewareResultHandler _default = new();

    public async Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult authorizeResult)
    {
        await _default.HandleAsync(next, context, policy, authorizeResult);
        if (authorizeResult.Succeeded || context.Response.HasStarted
            || context.GetEndpoint()?.Metadata.GetMetadata<ApiProblems.Marker>() is null) return;
        var problem = authorizeResult.Forbidden
            ? TypedResults.Problem("该接口密钥无权调用此接口。", statusCode: StatusCodes.Status403Forbidden, title: "无权操作")
            : TypedResults.Problem(
                context.Request.Headers.Authorization.Count == 0
                    ? "请在 Authorization 请求头中提供接口密钥：Bearer <密钥>。"
                    : "接口密钥无效或已吊销。",
                statusCode: StatusCodes.Status401Unauthorized, title: "未通过身份验证");
        await problem.ExecuteAsync(context);
    }
}
