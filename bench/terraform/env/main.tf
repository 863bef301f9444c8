# One environment's root: one working directory and one state per environment, as Terraform users run it.
variable "environment" { type = string }

module "environment" {
  source      = "../../module"
  environment = var.environment
}
