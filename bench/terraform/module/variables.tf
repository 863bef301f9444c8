variable "environment" {
  description = "The environment's name (metadata.name in the reconciler's spec): every name unique in the account derives from it."
  type        = string
}

variable "zones" {
  description = "Three zones, as in samples/environment.yaml."
  type        = list(string)
  default     = ["ap-northeast-1a", "ap-northeast-1c", "ap-northeast-1d"]
}

variable "domain" {
  description = "The API's DNS name (the sample's api.example.com): the certificate's domain and the alias record, in the shared zone."
  type        = string
}

# What the environments share (bench/terraform/shared), handed in by the root.
variable "execution_role_name" { type = string }
variable "execution_role_arn" { type = string }
variable "instance_profile_name" { type = string }
variable "zone_id" { type = string }
