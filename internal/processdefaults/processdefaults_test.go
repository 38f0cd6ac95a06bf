package processdefaults_test

import (
	"maps"
	"runtime/debug"
	"testing"

	"github.com/emrflow/terraform-provider-emrflow/internal/processdefaults"
)

func mapEnv(env map[string]string) processdefaults.Env {
	return processdefaults.Env{
		Getenv: func(k string) string { return env[k] },
		Setenv: func(k, v string) error { env[k] = v; return nil },
	}
}

func TestQuietSDKLoggers(t *testing.T) {
	cases := map[string]struct {
		env  map[string]string
		want map[string]string
	}{
		"no logging asked for: SDK and provider loggers off": {
			env:  map[string]string{},
			want: map[string]string{"TF_LOG_SDK": "OFF", "TF_LOG_SDK_PROTO": "OFF", "TF_LOG_SDK_FRAMEWORK": "OFF", "TF_LOG_PROVIDER_EMRFLOW": "OFF"},
		},
		"an explicit provider level is kept": {
			env:  map[string]string{"TF_LOG_PROVIDER_EMRFLOW": "DEBUG"},
			want: map[string]string{"TF_LOG_SDK": "OFF", "TF_LOG_SDK_PROTO": "OFF", "TF_LOG_SDK_FRAMEWORK": "OFF", "TF_LOG_PROVIDER_EMRFLOW": "DEBUG"},
		},
		"a subsystem level keeps the provider's logger on": {
			env:  map[string]string{"TF_LOG_PROVIDER_EMRFLOW_EMRAPI": "DEBUG"},
			want: map[string]string{"TF_LOG_SDK": "OFF", "TF_LOG_SDK_PROTO": "OFF", "TF_LOG_SDK_FRAMEWORK": "OFF", "TF_LOG_PROVIDER_EMRFLOW_EMRAPI": "DEBUG"},
		},
		"TF_LOG set: untouched": {
			env:  map[string]string{"TF_LOG": "debug"},
			want: map[string]string{"TF_LOG": "debug"},
		},
		"TF_LOG_PROVIDER set: untouched": {
			env:  map[string]string{"TF_LOG_PROVIDER": "trace"},
			want: map[string]string{"TF_LOG_PROVIDER": "trace"},
		},
		"an explicit SDK level is kept": {
			env:  map[string]string{"TF_LOG_SDK_PROTO": "TRACE"},
			want: map[string]string{"TF_LOG_SDK": "OFF", "TF_LOG_SDK_PROTO": "TRACE", "TF_LOG_SDK_FRAMEWORK": "OFF", "TF_LOG_PROVIDER_EMRFLOW": "OFF"},
		},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			env := maps.Clone(tc.env)
			if err := processdefaults.QuietSDKLoggers(mapEnv(env)); err != nil {
				t.Fatal(err)
			}
			if !maps.Equal(env, tc.want) {
				t.Errorf("environment = %v, want %v", env, tc.want)
			}
		})
	}
}

// TestConfigureGCPercent checks that an unset GOGC gets GCPercent and a set one is left alone
// (the runtime read it at start-up; Configure must not override it).
func TestConfigureGCPercent(t *testing.T) {
	old := debug.SetGCPercent(100)
	t.Cleanup(func() { debug.SetGCPercent(old) })

	got, err := processdefaults.Configure(mapEnv(map[string]string{}))
	if err != nil {
		t.Fatal(err)
	}
	if cur := debug.SetGCPercent(100); got != processdefaults.GCPercent || cur != processdefaults.GCPercent {
		t.Errorf("GOGC unset: Configure = %d, in force %d, want %d", got, cur, processdefaults.GCPercent)
	}

	debug.SetGCPercent(150) // as if the runtime had read GOGC=150
	got, err = processdefaults.Configure(mapEnv(map[string]string{"GOGC": "150"}))
	if err != nil {
		t.Fatal(err)
	}
	if cur := debug.SetGCPercent(100); got != 150 || cur != 150 {
		t.Errorf("GOGC=150: Configure = %d, in force %d, want 150", got, cur)
	}
}
