// tray-probe: starts a program and measures the time until its tray icon is
// on screen, that is until a window of the program's WM_CLASS is viewable
// inside a window of the tray host (trayer by default). It then waits
// --hold seconds, reads the program's peak and current resident memory from
// /proc/PID/status, terminates it and prints one line on stdout:
//
//     tray_ms=412.3 vmhwm_kb=61234 vmrss_kb=60012
//
// The program's own stdout goes to stderr, so that stdout holds only that
// line. Exit status: 0 measured, 1 usage or system error, 2 no icon within
// --timeout seconds, 3 the program exited first.

#define _POSIX_C_SOURCE 200809L

#include <X11/Xlib.h>
#include <X11/Xutil.h>

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

enum { PollIntervalMicroseconds = 2000, TerminateWaitMilliseconds = 5000 };

static const char* const Usage =
    "usage: tray-probe [--host CLASS] [--timeout SECONDS] [--hold SECONDS] CLASS -- PROGRAM [ARGUMENT...]\n"
    "  CLASS      WM_CLASS name or class of the program's tray icon window\n"
    "  --host     WM_CLASS of the tray host's windows (default trayer)\n"
    "  --timeout  seconds to wait for the icon (default 30)\n"
    "  --hold     seconds to keep the program running after the icon shows,\n"
    "             before its memory is read (default 0)\n";

struct Options
{
    const char* iconClass;
    const char* hostClass;
    double timeoutSeconds;
    double holdSeconds;
    char** command;
};

static double monotonicMilliseconds(void)
{
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    return now.tv_sec * 1000.0 + now.tv_nsec / 1.0e6;
}

static void sleepMicroseconds(long microseconds)
{
    struct timespec interval = {microseconds / 1000000, (microseconds % 1000000) * 1000};
    while (nanosleep(&interval, &interval) == -1 && errno == EINTR) {
    }
}

// Windows of other clients may be destroyed between two requests, so the
// BadWindow errors that follow are expected and ignored.
static int ignoreXError(Display* display, XErrorEvent* event)
{
    (void)display;
    (void)event;
    return 0;
}

static int parseOptions(int argc, char* argv[], struct Options* options)
{
    options->iconClass = NULL;
    options->hostClass = "trayer";
    options->timeoutSeconds = 30;
    options->holdSeconds = 0;
    options->command = NULL;

    for (int i = 1; i < argc; ++i) {
        if (strcmp(argv[i], "--") == 0) {
            if (i + 1 >= argc)
                return -1;
            options->command = &argv[i + 1];
            break;
        }
        if (strcmp(argv[i], "--host") == 0 && i + 1 < argc)
            options->hostClass = argv[++i];
        else if (strcmp(argv[i], "--timeout") == 0 && i + 1 < argc)
            options->timeoutSeconds = atof(argv[++i]);
        else if (strcmp(argv[i], "--hold") == 0 && i + 1 < argc)
            options->holdSeconds = atof(argv[++i]);
        else if (argv[i][0] != '-' && options->iconClass == NULL)
            options->iconClass = argv[i];
        else
            return -1;
    }

    if (options->iconClass == NULL || options->command == NULL || options->timeoutSeconds <= 0 ||
        options->holdSeconds < 0)
        return -1;
    return 0;
}

static int hasClass(Display* display, Window window, const char* name)
{
    XClassHint hint = {NULL, NULL};
    if (!XGetClassHint(display, window, &hint))
        return 0;

    const int matches = (hint.res_name && strcmp(hint.res_name, name) == 0) ||
                        (hint.res_class && strcmp(hint.res_class, name) == 0);
    XFree(hint.res_name);
    XFree(hint.res_class);
    return matches;
}

static int isViewable(Display* display, Window window)
{
    XWindowAttributes attributes;
    return XGetWindowAttributes(display, window, &attributes) && attributes.map_state == IsViewable;
}

// Returns 1 when a viewable window of iconClass is somewhere below window.
static int containsIcon(Display* display, Window window, const char* iconClass)
{
    Window root;
    Window parent;
    Window* children = NULL;
    unsigned int count = 0;
    if (!XQueryTree(display, window, &root, &parent, &children, &count))
        return 0;

    int found = 0;
    for (unsigned int i = 0; i < count && !found; ++i) {
        if (hasClass(display, children[i], iconClass) && isViewable(display, children[i]))
            found = 1;
        else
            found = containsIcon(display, children[i], iconClass);
    }
    if (children)
        XFree(children);
    return found;
}

// Returns 1 when a top-level window of the tray host contains a viewable icon window.
static int trayIconShown(Display* display, const struct Options* options)
{
    Window root;
    Window parent;
    Window* children = NULL;
    unsigned int count = 0;
    if (!XQueryTree(display, DefaultRootWindow(display), &root, &parent, &children, &count))
        return 0;

    int found = 0;
    for (unsigned int i = 0; i < count && !found; ++i) {
        if (hasClass(display, children[i], options->hostClass))
            found = containsIcon(display, children[i], options->iconClass);
    }
    if (children)
        XFree(children);
    return found;
}

// Reads a "Name:   1234 kB" field of /proc/PID/status, or returns -1 when it is missing.
static long readStatusKilobytes(pid_t pid, const char* field)
{
    char path[64];
    snprintf(path, sizeof path, "/proc/%d/status", (int)pid);
    FILE* file = fopen(path, "r");
    if (!file)
        return -1;

    long value = -1;
    char line[256];
    const size_t fieldLength = strlen(field);
    while (fgets(line, sizeof line, file)) {
        if (strncmp(line, field, fieldLength) == 0 && line[fieldLength] == ':') {
            value = strtol(line + fieldLength + 1, NULL, 10);
            break;
        }
    }
    fclose(file);
    return value;
}

static void terminateChild(pid_t pid)
{
    kill(pid, SIGTERM);

    const double deadline = monotonicMilliseconds() + TerminateWaitMilliseconds;
    while (monotonicMilliseconds() < deadline) {
        if (waitpid(pid, NULL, WNOHANG) == pid)
            return;
        sleepMicroseconds(10000);
    }

    fprintf(stderr, "tray-probe: process %d did not exit within %d ms of SIGTERM; sending SIGKILL\n", (int)pid,
            TerminateWaitMilliseconds);
    kill(pid, SIGKILL);
    waitpid(pid, NULL, 0);
}

static int childExited(pid_t pid)
{
    int status;
    return waitpid(pid, &status, WNOHANG) == pid;
}

int main(int argc, char* argv[])
{
    struct Options options;
    if (parseOptions(argc, argv, &options) != 0) {
        fputs(Usage, stderr);
        return 1;
    }

    Display* display = XOpenDisplay(NULL);
    if (!display) {
        fprintf(stderr, "tray-probe: cannot open the X display '%s'\n", getenv("DISPLAY") ? getenv("DISPLAY") : "");
        return 1;
    }
    XSetErrorHandler(ignoreXError);

    if (trayIconShown(display, &options)) {
        fprintf(stderr, "tray-probe: a '%s' icon is already in the tray before the start\n", options.iconClass);
        return 1;
    }

    fflush(NULL);
    const double startedAt = monotonicMilliseconds();
    const pid_t pid = fork();
    if (pid == -1) {
        perror("tray-probe: fork");
        return 1;
    }
    if (pid == 0) {
        dup2(STDERR_FILENO, STDOUT_FILENO);
        execvp(options.command[0], options.command);
        fprintf(stderr, "tray-probe: cannot run %s: %s\n", options.command[0], strerror(errno));
        _exit(127);
    }

    double shownAt;
    for (;;) {
        if (trayIconShown(display, &options)) {
            shownAt = monotonicMilliseconds();
            break;
        }
        if (childExited(pid)) {
            fprintf(stderr, "tray-probe: %s exited before its tray icon showed\n", options.command[0]);
            return 3;
        }
        if (monotonicMilliseconds() - startedAt > options.timeoutSeconds * 1000) {
            fprintf(stderr, "tray-probe: no '%s' icon in the tray within %.0f s\n", options.iconClass,
                    options.timeoutSeconds);
            terminateChild(pid);
            return 2;
        }
        sleepMicroseconds(PollIntervalMicroseconds);
    }

    sleepMicroseconds((long)(options.holdSeconds * 1.0e6));
    if (childExited(pid)) {
        fprintf(stderr, "tray-probe: %s exited during the hold time\n", options.command[0]);
        return 3;
    }
    const long peakKilobytes = readStatusKilobytes(pid, "VmHWM");
    const long residentKilobytes = readStatusKilobytes(pid, "VmRSS");

    terminateChild(pid);
    XCloseDisplay(display);

    printf("tray_ms=%.1f vmhwm_kb=%ld vmrss_kb=%ld\n", shownAt - startedAt, peakKilobytes, residentKilobytes);
    return 0;
}
