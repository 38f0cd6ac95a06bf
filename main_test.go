package main

import (
	"maps"
	"testing"
)

func TestQuietSDKLoggers(t *testing.T) {
	cases := map[string]struct {
		env  map[string]string
		want map[string]string
	}{
		"no logging asked for: SDK loggers off": {
			env:  map[string]string{},
			want: map[string]string{"TF_LOG_SDK": "OFF", "TF_LOG_SDK_PROTO": "OFF", "TF_LOG_SDK_FRAMEWORK": "OFF"},
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
			want: map[string]string{"TF_LOG_SDK": "OFF", "TF_LOG_SDK_PROTO": "TRACE", "TF_LOG_SDK_FRAMEWORK": "OFF"},
		},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			env := maps.Clone(tc.env)
			err := quietSDKLoggers(func(k string) string { return env[k] }, func(k, v string) error { env[k] = v; return nil })
			if err != nil {
				t.Fatal(err)
			}
			if !maps.Equal(env, tc.want) {
				t.Errorf("environment = %v, want %v", env, tc.want)
			}
		})
	}
}
