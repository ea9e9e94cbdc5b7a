import { Module } from '@nestjs/common';
import { DepartmentQueriesController } from './department-queries.controller';
import { GetDepartmentHandler } from './queries/get-department/get-department.handler';
import { ListDepartmentsHandler } from './queries/list-departments/list-departments.handler';

const queryHandlers = [ListDepartmentsHandler, GetDepartmentHandler];
const controllers = [DepartmentQueriesController];

@Module({ controllers, providers: [...queryHandlers] })
export class DepartmentsModule {}
