# Credentials come from the environment (ALIBABA_CLOUD_ACCESS_KEY_ID,
# ALIBABA_CLOUD_ACCESS_KEY_SECRET), the aliyun CLI's profile, or these attributes.
provider "emrflow" {
  region = "cn-hangzhou"

  # Point the provider at the local emulator instead of Alibaba Cloud:
  # endpoint = "http://127.0.0.1:18080"

  # Assume a RAM role on top of the base credentials:
  # assume_role {
  #   role_arn           = "acs:ram::123456789012:role/terraform"
  #   session_expiration = 3600
  # }
}
