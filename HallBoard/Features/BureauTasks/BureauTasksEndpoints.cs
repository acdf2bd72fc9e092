using HallBoard.Features.Account;

namespace HallBoard.Features.BureauTasks;

public static class BureauTasksEndpoints
{
    public static IEndpointRouteBuilder MapBureauTasksEndpoints(this IEndpointRouteBuilder app)
    {
        var files = app.MapGroup("").RequireRoles(Policies.BureauTaskReaders).ExcludeFromDescription();
        files.MapGet(BureauWorkbooks.TasksPath, BureauWorkbooks.TasksAsync);
        files.MapGet(BureauWorkbooks.RequirementsPath, BureauWorkbooks.RequirementsAsync);
        return app;
    }
}
