using System.Globalization;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.AspNetCore.Routing.Template;

namespace HallBoard.Features.Api;

/// <summary>
/// What the API answers when no endpoint took a request: 415 for a POST that is not JSON, 405 with Allow when
/// the address exists for other methods, otherwise 404, each a Chinese problem rather than the HTML pages.
/// </summary>
public static class ApiFallback
{
    public static IResult Answer(HttpContext http)
    {
        var request = http.Request;
        if (HttpMethods.IsPost(request.Method) && !request.HasJsonContentType())
            return TypedResults.Problem("请求体须为 JSON（Content-Type: application/json）。",
                statusCode: StatusCodes.Status415UnsupportedMediaType, title: "不支持的请求格式");
        var allowed = AllowedMethods(http);
        if (allowed.Count > 0 && !allowed.Contains(request.Method, StringComparer.OrdinalIgnoreCase))
        {
            http.Response.Headers.Allow = string.Join(", ", allowed);
            return TypedResults.Problem($"此接口不支持 {Printable(request.Method)} 方法，请使用 {string.Join("、", allowed)}。",
                statusCode: StatusCodes.Status405MethodNotAllowed, title: "请求方法不允许");
        }
        return TypedResults.Problem("接口不存在，请核对地址和请求方法。",
            statusCode: StatusCodes.Status404NotFound, title: ApiProblems.NotFoundTitle);
    }

    private static List<string> AllowedMethods(HttpContext http)
    {
        var path = http.Request.Path;
        var methods = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var endpoint in http.RequestServices.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>())
        {
            if (endpoint.Metadata.GetMetadata<IHttpMethodMetadata>() is not { HttpMethods.Count: > 0 } verbs) continue;
            if (!Matches(endpoint.RoutePattern, path)) continue;
            methods.UnionWith(verbs.HttpMethods);
        }
        return [.. methods];
    }

    private static bool Matches(RoutePattern pattern, PathString path)
    {
        if (pattern.RawText is not { } raw || raw.Contains("**", StringComparison.Ordinal)) return false;
        var values = new RouteValueDictionary();
        var matcher = new TemplateMatcher(TemplateParser.Parse(raw.TrimStart('/')), new RouteValueDictionary());
        if (!matcher.TryMatch(path, values)) return false;
        // The template matcher ignores inline constraints; the API's only one is {id:int}.
        foreach (var parameter in pattern.Parameters)
            if (parameter.ParameterPolicies.Any(p => p.Content == "int")
                && !int.TryParse(values[parameter.Name]?.ToString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out _))
                return false;
        return true;
    }

    private static string Printable(string method) => method.All(char.IsAsciiLetterUpper) && method.Length <= 10 ? method : "该";
}
