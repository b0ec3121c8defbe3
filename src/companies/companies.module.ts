import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { CompanyWriter } from './commands/company-writer.js';
import { CompaniesController } from './http/companies.controller.js';
import { GetCompanyHandler } from './queries/get-company.query.js';
import { ListCompaniesHandler } from './queries/list-companies.query.js';

@Module({ imports: [CqrsModule], controllers: [CompaniesController], providers: [ListCompaniesHandler, GetCompanyHandler, CompanyWriter] })
export class CompaniesModule {}
