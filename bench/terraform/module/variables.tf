variable "environment" {
  description = "The environment's name (metadata.name in the reconciler's spec): every name unique in the account derives from it."
  type        = string
}

variable "zones" {
  description = "Three zones, as in samples/environment.yaml."
  type        = list(string)
  default     = ["ap-northeast-1a", "ap-northeast-1c", "ap-northeast-1d"]
}
