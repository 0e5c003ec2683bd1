package main

import (
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
)

func get(t *testing.T, handler http.Handler, path string) (int, string) {
	t.Helper()
	recorder := httptest.NewRecorder()
	handler.ServeHTTP(recorder, httptest.NewRequest(http.MethodGet, path, nil))
	body, err := io.ReadAll(recorder.Result().Body)
	if err != nil {
		t.Fatal(err)
	}
	return recorder.Code, string(body)
}

func TestHealthAndReadiness(t *testing.T) {
	var ready atomic.Bool
	handler := newHandler(&ready, newRequestMetrics())

	if code, _ := get(t, handler, "/healthz"); code != http.StatusOK {
		t.Errorf("/healthz answered %d, want 200", code)
	}
	if code, _ := get(t, handler, "/readyz"); code != http.StatusServiceUnavailable {
		t.Errorf("/readyz answered %d before ready, want 503", code)
	}
	ready.Store(true)
	if code, _ := get(t, handler, "/readyz"); code != http.StatusOK {
		t.Errorf("/readyz answered %d when ready, want 200", code)
	}
}

func TestMetricsCountRequests(t *testing.T) {
	var ready atomic.Bool
	handler := newHandler(&ready, newRequestMetrics())
	get(t, handler, "/")
	get(t, handler, "/missing")

	_, body := get(t, handler, "/metrics")
	for _, want := range []string{
		`http_requests_total{method="GET",route="/",code="200"} 1`,
		`http_requests_total{method="GET",route="other",code="404"} 1`,
		`http_request_duration_seconds_bucket{method="GET",route="/",le="+Inf"} 1`,
	} {
		if !strings.Contains(body, want) {
			t.Errorf("/metrics lacks %q:\n%s", want, body)
		}
	}
}

func TestMetricsCountUnusualMethodsAsOther(t *testing.T) {
	var ready atomic.Bool
	handler := newHandler(&ready, newRequestMetrics())
	for _, method := range []string{"BREW", "PROPFIND", "get", http.MethodDelete} {
		handler.ServeHTTP(httptest.NewRecorder(), httptest.NewRequest(method, "/", nil))
	}

	_, body := get(t, handler, "/metrics")
	for _, want := range []string{
		`http_requests_total{method="OTHER",route="/",code="405"} 3`,
		`http_requests_total{method="DELETE",route="/",code="405"} 1`,
	} {
		if !strings.Contains(body, want) {
			t.Errorf("/metrics lacks %q:\n%s", want, body)
		}
	}
	for _, method := range []string{"BREW", "PROPFIND", "get"} {
		if strings.Contains(body, `method="`+method+`"`) {
			t.Errorf("/metrics has a series for method %s:\n%s", method, body)
		}
	}
}

func TestMetricsLeaveOutProbesAndScrapes(t *testing.T) {
	var ready atomic.Bool
	handler := newHandler(&ready, newRequestMetrics())
	for _, path := range []string{"/healthz", "/readyz", "/metrics"} {
		get(t, handler, path)
	}

	_, body := get(t, handler, "/metrics")
	for _, route := range []string{"/healthz", "/readyz", "/metrics"} {
		if strings.Contains(body, `route="`+route+`"`) {
			t.Errorf("/metrics counts %s:\n%s", route, body)
		}
	}
}
