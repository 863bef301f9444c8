# What all environments share, applied once in a working directory and state of its own, as a Terraform user keeps
# account-wide resources apart from the per-environment states: the two IAM roles with their instance profile, and the
# hosted zone. The reconciler creates its own the first time an environment needs them and finds them by name
# afterwards. Names: the reconciler's with "tf-" (IAM role names are unique in the account, and both tools share one
# moto account), and the zone example.net (the reconciler adopts a zone named example.com if one exists).
resource "aws_iam_role" "ecs_instance" {
  name = "tf-ecsInstanceRole"
  assume_role_policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Principal = { Service = "ec2.amazonaws.com" }, Action = "sts:AssumeRole" }]
  })
}

resource "aws_iam_role_policy_attachment" "ecs_instance" {
  role       = aws_iam_role.ecs_instance.name
  policy_arn = "arn:aws:iam::aws:policy/service-role/AmazonEC2ContainerServiceforEC2Role"
}

resource "aws_iam_instance_profile" "ecs_instance" {
  name = "tf-ecsInstanceRole"
  role = aws_iam_role.ecs_instance.name
}

resource "aws_iam_role" "ecs_task_execution" {
  name = "tf-ecsTaskExecutionRole"
  assume_role_policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Principal = { Service = "ecs-tasks.amazonaws.com" }, Action = "sts:AssumeRole" }]
  })
}

resource "aws_iam_role_policy_attachment" "ecs_task_execution" {
  role       = aws_iam_role.ecs_task_execution.name
  policy_arn = "arn:aws:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy"
}

resource "aws_route53_zone" "main" {
  name = "example.net"
}

output "execution_role_name" { value = aws_iam_role.ecs_task_execution.name }
output "execution_role_arn" { value = aws_iam_role.ecs_task_execution.arn }
output "instance_profile_name" { value = aws_iam_instance_profile.ecs_instance.name }
output "zone_id" { value = aws_route53_zone.main.zone_id }
output "zone_name" { value = aws_route53_zone.main.name }
